package dev.thermocline.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.backup.BackupOptions;
import dev.thermocline.backup.BackupRun;
import dev.thermocline.core.backup.DuePolicy;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.reconstruct.RowState;
import dev.thermocline.core.restore.RestoreException;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the real backup job: a random history's change log and partition maps written as
 * the changelog and repartition jobs write them, backups made by {@link BackupRun} (changelog-job) at
 * the history's backup instants — each run copying a random subset of the partitions of its time —
 * then random restores equal the oracle's replay. Seed printed.
 */
class RestoreFromBackupJobITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    private static final long SEED = Long.getLong("thermocline.restore.e2e.seed", System.nanoTime());
    private static final int CASES = Integer.getInteger("thermocline.restore.e2e.cases", 24) / 2;

    @TempDir
    Path dir;

    @Test
    void restoresFromCopiesTheBackupJobMadeMatchTheReplay() throws Exception {
        System.out.println("RestoreFromBackupJobITCase seed " + SEED + " (-Dthermocline.restore.e2e.seed=" + SEED + ")");
        TableHistory history = TableHistory.generate(SEED, "orders", 60, 350);
        try (RestoreTestbed bed = new RestoreTestbed(dir)) {
            new HistoryWriter(bed.catalog, bed.namespace).write(history, 4, false);
            BackupRun backup = new BackupRun(IcebergCatalogs.flinkLoader(bed.settings), bed.namespace,
                    Map.of("orders", history.spec), Clock.fixed(TableHistory.T0.plus(Duration.ofDays(1)), ZoneOffset.UTC));
            Random random = new Random(SEED);
            Instant previous = null;
            int runs = 0;
            for (TableHistory.BackupRun run : history.backupRuns) {
                if (previous != null && !run.cutoff().isAfter(previous)) {
                    continue; // the backup job's cutoffs only move forward
                }
                PartitionMap layout = history.revisions.stream().filter(m -> !m.validFrom().isAfter(run.cutoff()))
                        .reduce((a, b) -> b).orElseThrow();
                Set<String> due = new HashSet<>();
                for (Partition p : layout.partitions()) {
                    if (random.nextInt(3) != 0) {
                        due.add(p.partitionKey());
                    }
                }
                BackupOptions options = new BackupOptions(Set.of("orders"), Optional.of(run.cutoff()), Map.of("orders", due),
                        DuePolicy.defaults(), false);
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
                env.setParallelism(2);
                backup.run(env, options);
                previous = run.cutoff();
                runs++;
            }
            assertThat(runs).as("backup runs").isPositive();

            RandomRequests requests = new RandomRequests(history, SEED * 13 + 5);
            for (int n = 0; n < CASES; n++) {
                RestoreRequest request = requests.next();
                String context = history + ", " + runs + " backup job runs, case " + n + ": " + request.selections()
                        + " as of " + request.asOf();
                Path out = dir.resolve("case-" + n + ".jsonl");
                if (requests.beforeAnyData(request)) {
                    assertThatThrownBy(() -> bed.restore(history.spec, request, new JsonLinesOutput(out, history.spec.keyType())))
                            .as(context).isInstanceOf(RestoreException.class);
                    continue;
                }
                bed.restore(history.spec, request, new JsonLinesOutput(out, history.spec.keyType()));
                List<RowState> expected = requests.expected(request);
                assertThat(RestoreTestbed.readJsonLines(out)).as(context).isEqualTo(RestoreTestbed.expectedLines(expected));
            }
        }
    }
}
