package dev.thermocline.repartition;

import static dev.thermocline.repartition.SyntheticHeatmap.windowEnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.testing.CheckpointedEnvironment;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job on a MiniCluster (RocksDB, checkpoints) against a real catalog: heatmap cells
 * arrive window by window, named under the map in force as the heatmap job would name them.
 */
class RepartitionJobITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    private static final SyntheticHeatmap.Hotspot HOT = new SyntheticHeatmap.Hotspot(500_000, 1_000);
    /** Cells arrive in window order here, so an interval is complete as soon as a later window shows up. */
    private static final RepartitionOptions OPTIONS = RepartitionOptions.defaults()
            .withMaxOutOfOrderness(Duration.ZERO).withMonitorInterval(Duration.ofMillis(100));
    private static final int CALM = 4;
    private static final int LAST = 10;

    @TempDir
    Path dir;

    @Test
    void followsTheHeatmapCommitsRevisionsAndAReplayFromOlderStateWritesNothingTwice() throws Exception {
        TestWarehouse warehouse = new TestWarehouse(dir.resolve("warehouse"));
        for (int w = 0; w < CALM; w++) {
            warehouse.writeWindow(w, null);
        }
        // run 1: plans the calm windows (the last one waits for a later window), stops with a savepoint
        RoundsCollector run1 = new RoundsCollector();
        JobClient job1 = start(warehouse, run1, null);
        awaitPlanned(run1, windowEnd(CALM - 2));
        String savepoint = job1.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        assertThat(run1.rounds()).extracting(PlanRound::outcome).containsOnly(PlanRound.Outcome.NO_CHANGE);
        assertThat(warehouse.snapshotRevisions(ThermoclineTables.PARTITION_MAP)).isEmpty();

        // run 2: from the savepoint, while a hotspot's windows arrive one snapshot at a time
        RoundsCollector run2 = new RoundsCollector();
        JobClient job2 = start(warehouse, run2, savepoint);
        for (int w = CALM; w <= LAST; w++) {
            warehouse.writeWindow(w, HOT);
            awaitPlanned(run2, windowEnd(w - 1));
        }
        job2.cancel().get();
        PartitionMapHistory history = warehouse.history();
        List<TestWarehouse.SplitRequestRow> log = warehouse.splitRequests();

        List<PlanRound> committed = run2.rounds().stream()
                .filter(r -> r.outcome() == PlanRound.Outcome.COMMITTED).toList();
        assertThat(committed).as("revisions committed while the hotspot is isolated").isNotEmpty();
        assertThat(history.revisions()).hasSize(1 + committed.size());
        for (PlanRound r : committed) {
            assertThat(history.revision(r.committedRevision).orElseThrow().validFrom())
                    .as("a revision takes effect at its interval's end in event time, not wall-clock time")
                    .isEqualTo(Instant.ofEpochMilli(r.intervalEnd));
        }
        assertThat(warehouse.snapshotRevisions(ThermoclineTables.PARTITION_MAP)).as("one snapshot per revision")
                .containsExactlyElementsOf(history.revisions().stream().map(m -> Long.toString(m.revision())).toList());
        AuditOracle.assertLogExplainsEveryRevision(history, log);
        AuditOracle.assertEvidenceBacksEveryDecision(warehouse.splitRequestEvidence(), OPTIONS.planner());
        assertThat(width(history.latest().orElseThrow().partitionFor(Key.of(500_500)).range()))
                .as("the hotspot's partition, initially 125 000 keys wide").isLessThan(125_000 / 8);
        assertMapAtPicksTheRevisionInForce(history);

        // run 3: from the same savepoint, whose state predates every commit of run 2
        RoundsCollector run3 = new RoundsCollector();
        JobClient job3 = start(warehouse, run3, savepoint);
        awaitPlanned(run3, windowEnd(LAST - 1));
        job3.cancel().get();

        assertThat(run3.rounds()).extracting(PlanRound::outcome)
                .doesNotContain(PlanRound.Outcome.COMMITTED, PlanRound.Outcome.ADOPTED);
        assertThat(run3.rounds()).filteredOn(r -> r.outcome() == PlanRound.Outcome.ALREADY_STORED)
                .extracting(r -> r.intervalEnd)
                .as("the replay decided the same intervals again and found each revision stored")
                .containsExactlyElementsOf(committed.stream().map(r -> r.intervalEnd).toList());
        assertThat(warehouse.history().revisions()).isEqualTo(history.revisions());
        assertThat(warehouse.splitRequests()).containsExactlyInAnyOrderElementsOf(log);
    }

    /** mapAt at each revision's start, and just before it, against a plain scan of the revisions. */
    private static void assertMapAtPicksTheRevisionInForce(PartitionMapHistory history) {
        List<PartitionMap> revisions = history.revisions();
        for (PartitionMap r : revisions.subList(1, revisions.size())) {
            for (Instant t : List.of(r.validFrom().minusMillis(1), r.validFrom(), r.validFrom().plusSeconds(30))) {
                PartitionMap expected = revisions.stream().filter(m -> !m.validFrom().isAfter(t))
                        .reduce((a, b) -> b).orElseThrow();
                assertThat(history.mapAt(t)).as("mapAt(%s)", t).contains(expected);
            }
        }
    }

    private JobClient start(TestWarehouse warehouse, RoundsCollector rounds, String savepoint) throws Exception {
        Configuration config = CheckpointedEnvironment.configuration(dir.resolve("checkpoints"), Duration.ofMillis(500));
        if (savepoint != null) {
            config.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(CheckpointedEnvironment.DEFAULT_PARALLELISM);
        HeatmapInput heatmap = new IcebergHeatmapInput(IcebergCatalogs.flinkLoader(warehouse.settings),
                TableIdentifier.of(ThermoclineTables.DEFAULT_NAMESPACE, ThermoclineTables.HEATMAP), Set.of("orders"),
                false, OPTIONS.monitorInterval());
        new RepartitionJob(heatmap, warehouse.committers(), OPTIONS).build(env).sinkTo(rounds).uid("rounds");
        return env.executeAsync(RepartitionJob.NAME);
    }

    private static void awaitPlanned(RoundsCollector run, Instant intervalEnd) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> run.rounds().stream()
                .anyMatch(r -> r.intervalEnd == intervalEnd.toEpochMilli()));
    }

    private static long width(KeyRange range) {
        return ((LongKey) range.end()).value() - ((LongKey) range.start()).value();
    }
}
