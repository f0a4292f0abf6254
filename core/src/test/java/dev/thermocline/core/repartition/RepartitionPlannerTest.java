package dev.thermocline.core.repartition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepartitionPlannerTest {

    private static final PartitionMap MAP = EngineRun.sixteenOrderPartitions();
    private static final long NOW = 100;

    @Test
    void aLoadBetweenTheThresholdsGivesAnEmptyPlan() {
        // shares from 1/32 to 1/10: none above 1/8, no two neighbours together below 1/32
        Map<String, PartitionHeat> heat = HeatStates.steady(MAP, p -> 1_000 + 2_000 * (ordinal(p) % 3), 0);

        PlanDecision d = planner(PlannerSettings.defaults()).plan(MAP, heat, NOW);

        assertThat(d.isEmpty()).isTrue();
        assertThat(d.decisions()).isEmpty();
    }

    @Test
    void hotPartitionsSplitHottestFirstWithinTheOperationBudget() {
        Map<String, PartitionHeat> heat = HeatStates.steady(MAP, p -> Set.of(2, 5, 9).contains(ordinal(p))
                ? 10_000 + 1_000 * ordinal(p) : 500, 0);

        PlanDecision d = planner(PlannerSettings.builder().maxOperationsPerRevision(2).build()).plan(MAP, heat, NOW);

        assertThat(d.decisions()).extracting(Decision::kind).containsOnly(Decision.Kind.SPLIT);
        assertThat(d.decisions()).extracting(x -> x.partitionKeys().get(0)).containsExactly("p9", "p5");
        assertThat(d.plan().splits()).extracting(s -> s.newPartitionKey()).containsExactly("p16", "p17");
        assertThat(d.decisions().get(0).forecastShare()).isGreaterThan(1.0 / 8);
        assertThat(d.decisions().get(0).heatClass()).isEqualTo(HeatClass.HOT);
        assertThat(d.decisions().get(0).toSplitRequest()).isEqualTo(d.plan().splits().get(0));
        assertThat(d.apply(SyntheticHeat.T0.plusSeconds(1)).size()).isEqualTo(18);
    }

    @Test
    void splitsStopAtMaxPartitions() {
        Map<String, PartitionHeat> heat = HeatStates.steady(MAP, p -> ordinal(p) < 3 ? 20_000 : 300, 0);

        PlanDecision d = planner(PlannerSettings.builder().partitions(1, 17).build()).plan(MAP, heat, NOW);

        assertThat(d.plan().splits()).hasSize(1);
    }

    @Test
    void coldRunsMergeOnlyOutsideTheirCoolDown() {
        PlannerSettings settings = PlannerSettings.defaults();
        // p4..p7 hold 0.9% each; everything else 8%
        Map<String, PartitionHeat> young = HeatStates.steady(MAP, p -> ordinal(p) >= 4 && ordinal(p) <= 7 ? 80 : 700,
                NOW - settings.mergeCoolDownIntervals() + 1);
        Map<String, PartitionHeat> old = HeatStates.steady(MAP, p -> ordinal(p) >= 4 && ordinal(p) <= 7 ? 80 : 700,
                NOW - settings.mergeCoolDownIntervals());

        assertThat(planner(settings).plan(MAP, young, NOW).isEmpty()).as("inside the cool-down").isTrue();
        PlanDecision d = planner(settings).plan(MAP, old, NOW);

        // greedy groups stay below 1/32 combined: 3 x 0.9% = 2.8%, then the fourth is alone
        assertThat(d.plan().merges()).hasSize(1);
        assertThat(d.plan().merges().get(0).partitionKeys()).containsExactly("p4", "p5", "p6");
        Decision merge = d.decisions().get(0);
        assertThat(merge.kind()).isEqualTo(Decision.Kind.MERGE);
        assertThat(merge.heatClass()).isEqualTo(HeatClass.COLD);
        assertThat(merge.heatShare()).isLessThan(settings.mergeBelowShare());
        assertThat(merge.toMergeRequest()).isEqualTo(d.plan().merges().get(0));
    }

    @Test
    void mergesStopAtMinPartitions() {
        Map<String, PartitionHeat> heat = HeatStates.steady(MAP, p -> ordinal(p) == 0 ? 100_000 : 10, 0);

        PlanDecision d = planner(PlannerSettings.builder().partitions(14, 256).minKeyWidth(1 << 20).build())
                .plan(MAP, heat, NOW);

        assertThat(d.apply(SyntheticHeat.T0.plusSeconds(1)).size()).isEqualTo(14);
    }

    @Test
    void aTableWithTooLittleHeatIsLeftAlone() {
        Map<String, PartitionHeat> heat = HeatStates.steady(MAP, p -> ordinal(p) == 3 ? 90 : 0, 0);

        assertThat(planner(PlannerSettings.defaults()).plan(MAP, heat, NOW).isEmpty()).isTrue();
    }

    @Test
    void heatMustCoverEveryPartition() {
        Map<String, PartitionHeat> heat = new java.util.HashMap<>(HeatStates.steady(MAP, p -> 100, 0));
        heat.remove("p7");

        assertThatThrownBy(() -> planner(PlannerSettings.defaults()).plan(MAP, heat, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no heat for partition p7");
    }

    private static RepartitionPlanner planner(PlannerSettings settings) {
        return new RepartitionPlanner(settings);
    }

    private static int ordinal(Partition p) {
        return (int) PartitionMap.ordinalOf(p.partitionKey()).orElseThrow();
    }
}
