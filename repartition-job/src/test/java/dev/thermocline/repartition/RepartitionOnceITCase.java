package dev.thermocline.repartition;

import static dev.thermocline.repartition.SyntheticHeatmap.windowEnd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code run repartition --once}: bounded passes over the heatmap present, through the production adapters. */
class RepartitionOnceITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    private static final SyntheticHeatmap.Hotspot HOT = new SyntheticHeatmap.Hotspot(500_000, 1_000);

    @TempDir
    Path dir;

    @Test
    void eachPassPlansTheHeatmapPresentAndAPassOverOldIntervalsFollowsTheStoredHistory() throws Exception {
        TestWarehouse warehouse = new TestWarehouse(dir);
        // files in reverse window order: a bounded pass places every cell in its own interval regardless
        for (int w = 7; w >= 0; w--) {
            warehouse.writeWindow(w, w >= 2 ? HOT : null);
        }
        List<PlanRound> first = runOnce(warehouse);

        assertThat(first).extracting(r -> r.intervalEnd)
                .as("one round per interval, in order").containsExactly(intervalEnds(0, 7));
        assertThat(first).extracting(r -> r.accesses).as("each interval saw exactly its window's cells")
                .containsExactly(800L, 800L, 2800L, 2800L, 2800L, 2800L, 2800L, 2800L);
        List<PlanRound> committed = first.stream().filter(r -> r.outcome() == PlanRound.Outcome.COMMITTED).toList();
        assertThat(committed).isNotEmpty();
        PartitionMapHistory afterFirst = warehouse.history();
        assertThat(afterFirst.revisions()).hasSize(1 + committed.size());
        AuditOracle.assertLogExplainsEveryRevision(afterFirst, warehouse.splitRequests());

        // the heatmap grows, named under the revisions now stored; the next pass replays from no state
        for (int w = 8; w < 12; w++) {
            warehouse.writeWindow(w, HOT);
        }
        List<PlanRound> second = runOnce(warehouse);

        assertThat(second).extracting(r -> r.intervalEnd).containsExactly(intervalEnds(0, 11));
        assertThat(second.subList(0, 8)).extracting(PlanRound::outcome)
                .as("the old intervals decide what the first pass stored, and find it stored")
                .doesNotContain(PlanRound.Outcome.COMMITTED, PlanRound.Outcome.ADOPTED);
        PartitionMapHistory afterSecond = warehouse.history();
        assertThat(afterSecond.revisions().subList(0, afterFirst.revisions().size())).isEqualTo(afterFirst.revisions());
        AuditOracle.assertLogExplainsEveryRevision(afterSecond, warehouse.splitRequests());
        assertThat(warehouse.snapshotRevisions(ThermoclineTables.PARTITION_MAP)).hasSize(afterSecond.revisions().size());
    }

    private static List<PlanRound> runOnce(TestWarehouse warehouse) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        RoundsCollector rounds = new RoundsCollector();
        new RepartitionDeployment(warehouse.settings, ThermoclineTables.DEFAULT_NAMESPACE, warehouse.tables())
                .job(true, RepartitionOptions.defaults()).build(env).sinkTo(rounds);
        env.execute(RepartitionJob.NAME);
        return rounds.rounds();
    }

    private static Long[] intervalEnds(int from, int to) {
        Long[] ends = new Long[to - from + 1];
        for (int w = from; w <= to; w++) {
            ends[w - from] = windowEnd(w).toEpochMilli();
        }
        return ends;
    }

}
