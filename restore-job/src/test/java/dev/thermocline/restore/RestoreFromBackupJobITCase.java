package dev.thermocline.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.backup.BackupOptions;
import dev.thermocline.backup.BackupRun;
import dev.thermocline.core.backup.DuePolicy;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.reconstruct.RowState;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.restore.RangeSelection;
import dev.thermocline.core.restore.RestoreException;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.flink.backup.CopyFiles;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
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
            copyFileRows(bed, 4); // copies span several files: the oracle checks restores across file bounds
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

    /**
     * The backup job writes a copy sorted by key in files of bounded size, so a range inside one wide
     * partition plans (and reads) only the copy files whose key bounds overlap it — counted against
     * the bounds in the manifests, read independently of the planner's evaluator, and from the I/O
     * metrics of the run — and the output still equals the oracle's.
     */
    @Test
    void aRangeInsideOneWidePartitionReadsOnlyTheCopyFilesWhoseKeyBoundsOverlapIt() throws Exception {
        System.out.println("RestoreFromBackupJobITCase pruning seed " + SEED + " (-Dthermocline.restore.e2e.seed=" + SEED + ")");
        TableHistory history = TableHistory.generate(SEED + 1, TableHistory.longKeyed("wide", 400), 400, 400, 200, false);
        try (RestoreTestbed bed = new RestoreTestbed(dir)) {
            new HistoryWriter(bed.catalog, bed.namespace).write(history, 4, false);
            copyFileRows(bed, 10);
            Instant asOf = history.history.get(history.history.size() - 1).timestamp();
            BackupRun backup = new BackupRun(IcebergCatalogs.flinkLoader(bed.settings), bed.namespace,
                    Map.of("wide", history.spec), Clock.fixed(TableHistory.T0.plus(Duration.ofDays(1)), ZoneOffset.UTC));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            backup.run(env, new BackupOptions(Set.of("wide"), Optional.of(asOf), Map.of(), DuePolicy.defaults(), false,
                    Set.of("wide")));

            long lo = 130;
            long hi = 139;
            String partition = PartitionMap.initial(history.spec, Instant.EPOCH).partitionFor(Key.of(lo)).partitionKey();
            Table backups = bed.catalog.loadTable(TableIdentifier.of(bed.namespace, ThermoclineTables.BACKUPS));
            int keyLong = backups.schema().findField("key_long").fieldId();
            List<String> copyFiles = new ArrayList<>();
            Set<String> overlapping = new HashSet<>();
            try (CloseableIterable<FileScanTask> tasks = backups.newScan().includeColumnStats()
                    .filter(Expressions.and(Expressions.equal("table_name", "wide"),
                            Expressions.equal("partition_key", partition))).planFiles()) {
                for (FileScanTask t : tasks) {
                    long min = Conversions.fromByteBuffer(Types.LongType.get(), t.file().lowerBounds().get(keyLong));
                    long max = Conversions.fromByteBuffer(Types.LongType.get(), t.file().upperBounds().get(keyLong));
                    copyFiles.add(t.file().location());
                    if (min <= hi && max >= lo) {
                        overlapping.add(t.file().location());
                    }
                }
            }
            assertThat(copyFiles).as("the partition's copy is rolled into several files").hasSizeGreaterThanOrEqualTo(5);
            assertThat(overlapping).as("the range overlaps a few of them").isNotEmpty().hasSizeLessThanOrEqualTo(3);

            RestoreRequest request = new RestoreRequest("wide", asOf,
                    List.of(new RangeSelection.Interval(KeyInterval.closed(Key.of(lo), Key.of(hi)), null)));
            ResolvedPlan plan = bed.resolve(history.spec, request);
            List<PlannedFile> base = plan.files().stream().flatMap(List::stream).flatMap(f -> f.base().stream()).toList();
            List<PlannedFile> changes = plan.files().stream().flatMap(List::stream).flatMap(f -> f.changes().stream()).toList();
            assertThat(base.stream().map(PlannedFile::location).collect(Collectors.toSet()))
                    .as("scan plan: only the copy files whose key bounds overlap %d..%d", lo, hi).isEqualTo(overlapping);

            Path out = dir.resolve("wide.jsonl");
            RestoreResult result = bed.restore(history.spec, request, new JsonLinesOutput(out, history.spec.keyType()));

            long plannedBytes = Stream.concat(base.stream(), changes.stream()).mapToLong(PlannedFile::bytes).sum();
            assertThat(result.units().stream().mapToLong(u -> u.baseFiles).sum()).as("copy files opened")
                    .isEqualTo(overlapping.size());
            assertThat(result.units().stream().mapToLong(u -> u.baseFiles + u.changeFiles).sum())
                    .as("files opened = files planned").isEqualTo(base.size() + changes.size());
            assertThat(result.bytesRead()).as("I/O metric: bytes read vs planned %d", plannedBytes)
                    .isBetween(plannedBytes / 2, plannedBytes);
            assertThat(RestoreTestbed.readJsonLines(out)).isEqualTo(RestoreTestbed.expectedLines(
                    Oracle.rowsAt(history.history, asOf, request.selections().get(0)::contains)));
        }
    }

    /** Sets the most rows per copy file the backup job writes ({@code backups} table property). */
    private static void copyFileRows(RestoreTestbed bed, int rows) {
        bed.catalog.loadTable(TableIdentifier.of(bed.namespace, ThermoclineTables.BACKUPS)).updateProperties()
                .set(CopyFiles.TARGET_FILE_ROWS, Integer.toString(rows)).commit();
    }
}
