package dev.thermocline.core.repartition;

import static dev.thermocline.core.repartition.SyntheticHeat.hotspot;
import static dev.thermocline.core.repartition.SyntheticHeat.uniform;
import static dev.thermocline.core.repartition.SyntheticHeat.varying;
import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.partition.PartitionMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine on synthetic heat: the scenarios issue #5 asks for. */
class RepartitionEngineTest {

    private static final PlannerSettings SETTINGS = PlannerSettings.builder().minKeyWidth(64).build();
    private static final int COOL_DOWN = SETTINGS.mergeCoolDownIntervals();

    /** Background: 4 000 accesses per interval over the whole domain (250 per initial partition). */
    private static final SyntheticHeat.Load BACKGROUND = uniform(0, 1_000_000, 4_000);

    @Test
    void aSingleHotspotIsIsolatedWithinABoundedNumberOfIntervals() {
        EngineRun run = run(BACKGROUND.plus(hotspot(500_000, 1_000, 6_000)), SETTINGS);

        long intervals = run.runUntil(() -> run.isolatedShare(500_000, 1_000, 4_000) >= 0.85, 12);

        // warm-up takes 3 intervals; the first cut lands on the hotspot's edge
        assertThat(intervals).as("intervals until 85% of the hotspot sits in partitions <= 4x its width")
                .isBetween(1L, 5L);
        run.run(40);
        assertThat(run.revisionsSince(run.t - 30)).as("the layout settles: no revisions in the last 30 intervals").isZero();
        assertThat(run.covering(500_000, 500_999)).as("the hot 60% of the load is cut into heat shares below 1/8")
                .hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void aMovingHotspotIsFollowedAndTheOldRegionMergedBackAfterTheCoolDown() {
        SyntheticHeat.Load load = BACKGROUND.plus(hotspot(200_000, 1_000, 6_000).until(30, hotspot(700_000, 1_000, 6_000)));
        EngineRun run = run(load, SETTINGS);
        run.run(30);
        int splitRegion = run.covering(150_000, 250_000).size();
        assertThat(run.isolatedShare(200_000, 1_000, 4_000)).isGreaterThanOrEqualTo(0.85);

        long followed = run.runUntil(() -> run.isolatedShare(700_000, 1_000, 4_000) >= 0.85, 12);
        run.run(COOL_DOWN + 30);

        assertThat(followed).as("intervals after the move until the new hotspot is isolated").isBetween(1L, 6L);
        assertThat(splitRegion).isGreaterThanOrEqualTo(8);
        assertThat(run.covering(150_000, 250_000).size())
                .as("the old hot region is merged back (it held 3 initial partitions)").isLessThanOrEqualTo(4);
        assertThat(run.isolatedShare(700_000, 1_000, 4_000)).isGreaterThanOrEqualTo(0.85);
        assertNoMergeInsideCoolDown(run);
    }

    @Test
    void aFreshSplitIsNotMergedBackInsideItsCoolDown() {
        // a hotspot that lasts only 6 intervals: its split parts turn cold right after the split
        SyntheticHeat.Load load = BACKGROUND.plus(hotspot(500_000, 1_000, 6_000).until(6, uniform(0, 1, 0)));
        EngineRun run = run(load, SETTINGS);
        run.run(6);
        assertThat(run.decisions).isNotEmpty();
        long lastSplit = run.decisions.get(run.decisions.size() - 1).intervalIndex();

        run.run(COOL_DOWN + 30);

        List<PlanDecision> merges = run.decisions.stream()
                .filter(d -> d.decisions().stream().anyMatch(x -> x.kind() == Decision.Kind.MERGE)).toList();
        assertThat(merges).as("the cold parts are merged back eventually").isNotEmpty();
        assertThat(merges.get(0).intervalIndex()).as("but not before the cool-down")
                .isGreaterThanOrEqualTo(lastSplit + COOL_DOWN);
        assertNoMergeInsideCoolDown(run);
        assertThat(run.covering(437_500, 562_499).size()).as("back to about the initial layout").isLessThanOrEqualTo(3);
    }

    @Test
    void aStationaryUniformWorkloadProducesNoRevisionsOver100Intervals() {
        EngineRun run = run(uniform(0, 1_000_000, 8_000), SETTINGS);

        run.run(100);

        assertThat(run.decisions).isEmpty();
        assertThat(run.engine.currentMap().revision()).isZero();
    }

    @Test
    void aStationaryHotspotSettlesAndThenProducesNoRevisionsOver100Intervals() {
        EngineRun run = run(BACKGROUND.plus(hotspot(300_000, 2_000, 3_000)).plus(hotspot(800_000, 10_000, 2_000)), SETTINGS);
        run.run(20);
        long settledAt = run.t;

        run.run(100);

        assertThat(run.decisions).as("it did react to the hotspots").isNotEmpty();
        assertThat(run.revisionsSince(settledAt)).isZero();
    }

    @Test
    void aRisingHotspotIsSplitEarlierWithForecastingThanWithout() {
        // 16 partitions of 250 accesses; from interval 10 one region of p5 gains 40 more accesses per interval.
        // p5's true share passes 1/8 when its extra load passes 2000/7 = 286, i.e. at interval 18.
        SyntheticHeat.Load load = BACKGROUND.plus(varying(340_000, 5_000, t -> Math.max(0, (t - 10) * 40)));
        long trueCrossing = 10 + (long) Math.ceil(2_000.0 / 7 / 40);

        long withForecast = firstSplitOf("p5", load, SETTINGS);
        long withoutForecast = firstSplitOf("p5", load, SETTINGS.toBuilder().forecastHorizon(0).build());

        System.out.printf("rising hotspot: true share crosses the split threshold at interval %d; split at %d with "
                + "forecasting (h=3), at %d on decayed heat alone: %d intervals earlier%n",
                trueCrossing, withForecast, withoutForecast, withoutForecast - withForecast);
        assertThat(withForecast).isLessThanOrEqualTo(trueCrossing);
        assertThat(withoutForecast - withForecast).as("lead of forecasting, in intervals").isGreaterThanOrEqualTo(3);
    }

    @Test
    void isolatingCutsFindAHotspotsEdgesWhichMedianCutsMiss() {
        // a hotspot in the middle of p3 [187500, 250000): median cuts leave its outer slices joined to cold tails
        SyntheticHeat.Load load = BACKGROUND.plus(hotspot(200_000, 1_000, 6_000));
        EngineRun isolating = run(load, SETTINGS);
        EngineRun balancing = run(load, SETTINGS.toBuilder().splitRule(SplitRule.BALANCE_HEAT).build());
        isolating.run(15);
        balancing.run(15);

        double isolated = isolating.isolatedShare(200_000, 1_000, 4_000);
        double balanced = balancing.isolatedShare(200_000, 1_000, 4_000);
        System.out.printf("hotspot in mid-partition, share in partitions <= 4x its width after 15 intervals: "
                + "ISOLATE_HEAT %.3f (%d partitions), BALANCE_HEAT %.3f (%d partitions)%n", isolated,
                isolating.engine.currentMap().size(), balanced, balancing.engine.currentMap().size());
        assertThat(isolated).isGreaterThanOrEqualTo(0.95);
        assertThat(balanced).isLessThan(isolated);
    }

    private static long firstSplitOf(String partition, SyntheticHeat.Load load, PlannerSettings settings) {
        EngineRun run = run(load, settings);
        for (int i = 0; i < 60; i++) {
            var d = run.step();
            if (d.isPresent() && d.get().decisions().stream().anyMatch(x -> x.partitionKeys().contains(partition))) {
                return d.get().intervalIndex();
            }
        }
        throw new AssertionError(partition + " was never split");
    }

    private static EngineRun run(SyntheticHeat.Load load, PlannerSettings settings) {
        PartitionMap initial = EngineRun.sixteenOrderPartitions();
        return new EngineRun(initial, HeatSettings.defaults(), settings, load, 42);
    }

    /** Every merge took only partitions whose range was at least the cool-down old (an independent record). */
    private static void assertNoMergeInsideCoolDown(EngineRun run) {
        Map<String, Long> changedAt = new HashMap<>();
        for (PlanDecision d : run.decisions) {
            for (Decision x : d.decisions()) {
                if (x.kind() == Decision.Kind.MERGE) {
                    for (String id : x.partitionKeys()) {
                        long since = d.intervalIndex() - changedAt.getOrDefault(id, 0L);
                        assertThat(since).as("%s merged at %d, %d intervals after it changed", id, d.intervalIndex(), since)
                                .isGreaterThanOrEqualTo(COOL_DOWN);
                    }
                }
            }
            for (Decision x : d.decisions()) {
                x.partitionKeys().forEach(id -> changedAt.put(id, d.intervalIndex()));
                changedAt.put(x.resultPartitionKey(), d.intervalIndex());
            }
        }
    }
}
