package dev.thermocline.repartition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.repartition.HeatSettings;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two repartition jobs with different planning intervals commit to the same {@code partition_map}
 * at once, while maintenance rewrites that table's manifests: every revision survives, once, in
 * order, explained by its logged decisions.
 */
class RacingRepartitionJobsITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    @TempDir
    Path dir;

    @Test
    void racingJobsAndMaintenanceNeverLoseOrDuplicateARevision() throws Exception {
        TestWarehouse warehouse = new TestWarehouse(dir);
        for (int w = 0; w < 16; w++) {
            warehouse.writeWindow(w, w < 2 ? null : w < 7 ? new SyntheticHeatmap.Hotspot(500_000, 1_000)
                    : new SyntheticHeatmap.Hotspot(100_000, 1_000));
        }
        RepartitionOptions fast = RepartitionOptions.defaults().withHeat(HeatSettings.builder().halfLifeIntervals(1).build());
        RoundsCollector a = new RoundsCollector();
        RoundsCollector b = new RoundsCollector();
        JobClient jobA = startOnce(warehouse, fast, a);
        JobClient jobB = startOnce(warehouse, fast.withInterval(Duration.ofMinutes(2)), b);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger maintenance = new AtomicInteger();
        CompletableFuture<Void> rewriter = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                try {
                    Table t = warehouse.table(ThermoclineTables.PARTITION_MAP);
                    if (t.currentSnapshot() != null) {
                        t.rewriteManifests().rewriteIf(m -> true).commit();
                        maintenance.incrementAndGet();
                    }
                    Thread.sleep(300);
                } catch (RuntimeException lostRace) {
                    // a maintenance commit may lose to a revision; it just tries again
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        jobA.getJobExecutionResult().get();
        jobB.getJobExecutionResult().get();
        running.set(false);
        rewriter.get();

        PartitionMapHistory history = warehouse.history();
        List<PartitionMap> revisions = history.revisions();
        for (int i = 0; i < revisions.size(); i++) {
            assertThat(revisions.get(i).revision()).as("revisions are 0, 1, 2, … without gaps").isEqualTo(i);
        }
        List<String> revisionSnapshots = warehouse.snapshotRevisions(ThermoclineTables.PARTITION_MAP).stream()
                .filter(Objects::nonNull).toList();
        assertThat(revisionSnapshots).as("one snapshot per revision, none twice")
                .containsExactlyElementsOf(revisions.stream().map(m -> Long.toString(m.revision())).toList());
        AuditOracle.assertLogExplainsEveryRevision(history, warehouse.splitRequests());

        List<Long> byA = committed(a);
        List<Long> byB = committed(b);
        Set<Long> all = new HashSet<>(byA);
        all.addAll(byB);
        assertThat(all).as("every revision after 0 was committed by exactly one job").hasSize(byA.size() + byB.size())
                .hasSize(revisions.size() - 1);
        int conflicts = a.rounds().stream().mapToInt(r -> r.conflicts).sum() + b.rounds().stream().mapToInt(r -> r.conflicts).sum();
        System.out.printf("racing jobs: %d revisions (A %s, B %s), %d lost commits, %d maintenance commits%n",
                revisions.size() - 1, byA, byB, conflicts, maintenance.get());
        assertThat(maintenance.get()).as("maintenance ran while the jobs committed").isPositive();
    }

    private static List<Long> committed(RoundsCollector rounds) {
        List<Long> revisions = new ArrayList<>();
        rounds.rounds().stream().filter(r -> r.outcome() == PlanRound.Outcome.COMMITTED)
                .forEach(r -> revisions.add(r.committedRevision));
        return revisions;
    }

    private static JobClient startOnce(TestWarehouse warehouse, RepartitionOptions options, RoundsCollector rounds)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        new RepartitionDeployment(warehouse.settings, ThermoclineTables.DEFAULT_NAMESPACE, warehouse.tables())
                .job(true, options).build(env).sinkTo(rounds);
        return env.executeAsync(RepartitionJob.NAME);
    }
}
