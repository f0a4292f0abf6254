package dev.thermocline.core.repartition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMergeRequest;
import dev.thermocline.core.partition.PartitionSplitRequest;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the heat, any plan the planner emits applies cleanly to its map, stays inside the
 * bounds, and never merges (or re-splits) a partition inside its cool-down. Checked on random
 * maps, random heat (log-uniform over six orders of magnitude, some partitions idle), random
 * change histories and random settings.
 */
class RepartitionPlannerProperties {

    private static final long NOW = 50;

    /** One partition's situation: accesses per interval, and how many intervals ago it changed. */
    record Situation(double heat, int age) {}

    record Case(PartitionMap map, List<Situation> situations, PlannerSettings settings) {}

    @Property(tries = 200)
    void everyPlanAppliesAndRespectsBoundsAndCoolDowns(@ForAll("cases") Case c) {
        Map<String, PartitionHeat> heat = new LinkedHashMap<>();
        for (int i = 0; i < c.map().size(); i++) {
            Partition p = c.map().partitions().get(i);
            Situation s = c.situations().get(i);
            heat.put(p.partitionKey(), HeatStates.steady(p, s.heat(), NOW - s.age()));
        }
        PlannerSettings settings = c.settings();

        PlanDecision d = new RepartitionPlanner(settings).plan(c.map(), heat, NOW);
        if (d.isEmpty()) {
            return;
        }

        assertThatCode(() -> d.apply(SyntheticHeat.T0.plusSeconds(60))).doesNotThrowAnyException();
        PartitionMap next = d.apply(SyntheticHeat.T0.plusSeconds(60));
        int before = c.map().size();
        assertThat(next.size()).isBetween(Math.min(before, settings.minPartitions()), Math.max(before, settings.maxPartitions()));
        assertThat(d.decisions()).hasSizeLessThanOrEqualTo(settings.maxOperationsPerRevision());
        for (PartitionMergeRequest merge : d.plan().merges()) {
            for (String id : merge.partitionKeys()) {
                assertThat(NOW - heat.get(id).lastChangedInterval()).as("merged %s", id)
                        .isGreaterThanOrEqualTo(settings.mergeCoolDownIntervals());
            }
        }
        for (PartitionSplitRequest split : d.plan().splits()) {
            PartitionHeat h = heat.get(split.partitionKey());
            assertThat(NOW - h.lastChangedInterval()).isGreaterThanOrEqualTo(settings.splitCoolDownIntervals());
            KeyRange r = h.partition().range();
            long cut = ((LongKey) split.splitPoint()).value();
            if (r.start() != null) {
                assertThat(cut - ((LongKey) r.start()).value()).isGreaterThanOrEqualTo(settings.minKeyWidth());
            }
            if (r.end() != null) {
                assertThat(((LongKey) r.end()).value() - cut).isGreaterThanOrEqualTo(settings.minKeyWidth());
            }
        }
        for (Decision x : d.decisions()) {
            if (x.kind() == Decision.Kind.SPLIT) {
                assertThat(x.forecastShare()).isGreaterThan(settings.splitAboveShare());
            } else {
                assertThat(x.heatShare()).isLessThan(settings.mergeBelowShare());
                assertThat(x.heatClass()).isEqualTo(HeatClass.COLD);
            }
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<PartitionMap> maps = Arbitraries.longs().between(1, 2_000_000).set().ofMinSize(1).ofMaxSize(30)
                .map(RepartitionPlannerProperties::mapWithBoundaries);
        Arbitrary<Situation> situation = Combinators.combine(
                Arbitraries.integers().between(-1, 6), Arbitraries.integers().between(0, NOW > 40 ? 40 : (int) NOW))
                .as((exp, age) -> new Situation(exp < 0 ? 0 : Math.pow(10, exp), age));
        Arbitrary<PlannerSettings> settings = Combinators.combine(
                Arbitraries.integers().between(1, 20), Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(1, 6), Arbitraries.integers().between(1, 15),
                Arbitraries.longs().between(1, 50_000), Arbitraries.of(HeatClassifier.Kind.class),
                Arbitraries.of(SplitRule.class), Arbitraries.integers().between(0, 4))
                .as((min, extra, ops, coolDown, width, kind, rule, horizon) -> PlannerSettings.builder()
                        .partitions(min, min + extra).maxOperationsPerRevision(ops).mergeCoolDownIntervals(coolDown)
                        .minKeyWidth(width).classifier(kind).splitRule(rule).forecastHorizon(horizon)
                        .minTableHeat(0).build());
        return maps.flatMap(map -> Combinators.combine(situation.list().ofSize(map.size()), settings)
                .as((s, ps) -> new Case(map, s, ps)));
    }

    private static PartitionMap mapWithBoundaries(java.util.Set<Long> boundaries) {
        List<Key> keys = new ArrayList<>();
        new TreeSet<>(boundaries).forEach(b -> keys.add(Key.of(b)));
        TableSpec spec = new TableSpec("orders", "id", KeyType.LONG, new InitialPartitioning.ExplicitBoundaries(keys));
        return PartitionMap.initial(spec, SyntheticHeat.T0);
    }
}
