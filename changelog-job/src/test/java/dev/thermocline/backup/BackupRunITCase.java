package dev.thermocline.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.changelog.FileIngest;
import dev.thermocline.changelog.TestJobs;
import dev.thermocline.changelog.TestWarehouse;
import dev.thermocline.changelog.WorkloadEvents;
import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.backup.DuePolicy;
import dev.thermocline.core.backup.DueReason;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.flink.backup.BackupSummary;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.VersionedHistory;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import dev.thermocline.workload.Workload;
import dev.thermocline.workload.WorkloadSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups for real: change batches go through the changelog job into {@code changelog}, backup runs
 * in between (one across a split, one across a merge), and after every run every copy that the
 * {@code backups} snapshot lists — read back by time travel to that snapshot — equals a replay of
 * the true history up to that copy's cutoff.
 */
class BackupRunITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    private static final DuePolicy NEVER = new DuePolicy(Long.MAX_VALUE, 1e9, Long.MAX_VALUE, Duration.ofDays(3650));
    private static final DuePolicy ANY_CHANGE = new DuePolicy(1, 4.0, 1, Duration.ofDays(1));

    @Test
    void everyCopyEqualsTheReplayUpToItsCutoffAcrossRunsSplitsAndMerges(@TempDir Path dir) throws Exception {
        Workload workload = Workload.generate(WorkloadSpec.orders(21).withInitialRows(300).withEvents(0, 2_400)
                .withBadRecordShare(0.01));
        List<WorkloadEvents.Event> events = WorkloadEvents.of(workload);
        List<ChangeRecord> history = workload.history();
        List<List<WorkloadEvents.Event>> batches = batches(events, 4);
        Instant end = events.get(events.size() - 1).event().eventTime();
        Clock clock = Clock.fixed(end.plus(Duration.ofDays(1)), ZoneOffset.UTC);

        try (TestWarehouse warehouse = new TestWarehouse(dir, TestWarehouse.orders())) {
            BackupRun backup = new BackupRun(warehouse.loader(), TestWarehouse.NAMESPACE, warehouse.specs(), clock);
            List<Long> snapshots = new ArrayList<>();

            // Run A: first copies of every partition, from the change log alone, at the default cutoff.
            ingest(warehouse, dir, batches, 0);
            BackupResult a = backup.run(TestJobs.environment(dir.resolve("ck-a"), false), BackupOptions.defaults());
            assertThat(a.table("orders").built().values()).containsOnly(DueReason.FIRST_COPY).hasSize(4);
            Instant lastOfFirstBatch = lastTime(batches.get(0));
            assertThat(a.table("orders").cutoff()).isBefore(lastOfFirstBatch)
                    .isAfter(lastOfFirstBatch.minus(Duration.ofSeconds(31)).minusSeconds(60));
            snapshots.add(a.snapshotId());
            assertEveryCopyEqualsTheReplay(warehouse, history, snapshots);

            // Run B: only p0 on demand; the rest carry over unchanged (same files, same cutoff).
            ingest(warehouse, dir, batches, 1);
            BackupResult b = backup.run(TestJobs.environment(dir.resolve("ck-b"), false),
                    BackupOptions.defaults().withPolicy(NEVER).withOnDemand("orders", Set.of("p0")));
            assertThat(b.table("orders").built()).containsExactly(Map.entry("p0", DueReason.ON_DEMAND));
            assertThat(b.table("orders").copies()).filteredOn(c -> !c.partitionKey().equals("p0"))
                    .hasSize(3).allSatisfy(c -> {
                        assertThat(c.writtenInSnapshot()).isEqualTo(a.snapshotId());
                        assertThat(c.cutoffTs()).isEqualTo(a.table("orders").cutoff());
                    });
            snapshots.add(b.snapshotId());
            assertEveryCopyEqualsTheReplay(warehouse, history, snapshots);

            // Run C: across a split of p0 (valid from the third batch); every partition with a change is due.
            Instant splitAt = batches.get(2).get(0).event().eventTime();
            commitRevision(warehouse, m -> m.split("p0", Key.of(200_000), splitAt, "test split"));
            ingest(warehouse, dir, batches, 2);
            BackupResult c = backup.run(TestJobs.environment(dir.resolve("ck-c"), false),
                    BackupOptions.defaults().withPolicy(ANY_CHANGE));
            assertThat(c.table("orders").revision()).isEqualTo(1);
            assertThat(c.table("orders").built()).containsEntry("p0", DueReason.LAYOUT_CHANGED)
                    .containsEntry("p4", DueReason.LAYOUT_CHANGED);
            snapshots.add(c.snapshotId());
            assertEveryCopyEqualsTheReplay(warehouse, history, snapshots);

            // Run D: across a merge of p1 and p2, at an explicit cutoff inside the last batch.
            Instant mergeAt = batches.get(3).get(0).event().eventTime();
            commitRevision(warehouse, m -> m.merge(List.of("p1", "p2"), mergeAt, "test merge"));
            ingest(warehouse, dir, batches, 3);
            Instant cutoff = mergeAt.plus(Duration.between(mergeAt, lastTime(batches.get(3))).dividedBy(2));
            BackupResult d = backup.run(TestJobs.environment(dir.resolve("ck-d"), false),
                    BackupOptions.defaults().withPolicy(NEVER).withCutoff(cutoff));
            assertThat(d.table("orders").revision()).isEqualTo(2);
            assertThat(d.table("orders").built()).containsExactly(Map.entry("p1", DueReason.LAYOUT_CHANGED));
            assertThat(d.table("orders").copies()).extracting(BackupCopy::partitionKey)
                    .containsExactly("p0", "p4", "p1", "p3");
            snapshots.add(d.snapshotId());
            assertEveryCopyEqualsTheReplay(warehouse, history, snapshots);

            assertThat(warehouse.rowCount(ThermoclineTables.DEAD_LETTERS)).isEqualTo(WorkloadEvents.bad(events));
        }
    }

    /**
     * The restore-cost trigger with heat from the real {@code heatmap} table: after the same kind of
     * change batch, the partition that was accessed in the hour before the cutoff is due (heat x
     * changes past the threshold), the unaccessed ones are not, and {@code --force} copies them all.
     */
    @Test
    void theAccessedPartitionIsDueByRestoreCostAndForceCopiesEveryPartition(@TempDir Path dir) throws Exception {
        Workload workload = Workload.generate(WorkloadSpec.orders(22).withInitialRows(200).withEvents(0, 1_200));
        List<List<WorkloadEvents.Event>> batches = batches(WorkloadEvents.of(workload), 2);
        Instant end = lastTime(batches.get(1));
        Clock clock = Clock.fixed(end.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        // only the restore-cost trigger can fire: 1 000 accesses an hour x 1 change reaches it, 0 accesses never do
        DuePolicy byCost = new DuePolicy(Long.MAX_VALUE, 1e9, Long.MAX_VALUE, Duration.ofDays(3650), 1_000);

        try (TestWarehouse warehouse = new TestWarehouse(dir, TestWarehouse.orders())) {
            BackupRun backup = new BackupRun(warehouse.loader(), TestWarehouse.NAMESPACE, warehouse.specs(), clock);
            ingest(warehouse, dir, batches, 0);
            BackupResult first = backup.run(TestJobs.environment(dir.resolve("ck-1"), false), BackupOptions.defaults());
            ingest(warehouse, dir, batches, 1);
            PartitionMap map = warehouse.partitionMaps().load("orders").latest().orElseThrow();
            String hot = map.partitions().get(1).partitionKey();
            Instant windowStart = end.minus(Duration.ofMinutes(10));
            writeHeatmapCell(warehouse, hot, windowStart, 1_000);
            writeHeatmapCell(warehouse, hot, windowStart.minus(Duration.ofHours(3)), 1_000_000); // outside the hour

            BackupResult second = backup.run(TestJobs.environment(dir.resolve("ck-2"), false),
                    BackupOptions.defaults().withPolicy(byCost));
            assertThat(second.table("orders").built()).containsExactly(Map.entry(hot, DueReason.RESTORE_COST));

            BackupResult forced = backup.run(TestJobs.environment(dir.resolve("ck-3"), false),
                    BackupOptions.defaults().withPolicy(byCost).withForced("orders"));
            assertThat(forced.table("orders").built()).hasSize(map.size()).containsOnlyKeys(
                    map.partitions().stream().map(p -> p.partitionKey()).toList()).containsValue(DueReason.ON_DEMAND);
            assertThat(forced.table("orders").built().values()).containsOnly(DueReason.ON_DEMAND);
            assertEveryCopyEqualsTheReplay(warehouse, workload.history(),
                    List.of(first.snapshotId(), second.snapshotId(), forced.snapshotId()));
        }
    }

    private static void writeHeatmapCell(TestWarehouse warehouse, String partition, Instant start, long accesses) {
        Table heatmap = warehouse.table(ThermoclineTables.HEATMAP);
        org.apache.iceberg.data.GenericRecord r = org.apache.iceberg.data.GenericRecord.create(heatmap.schema());
        r.setField("window_start", OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
        r.setField("window_end", OffsetDateTime.ofInstant(start.plusSeconds(60), ZoneOffset.UTC));
        r.setField("table_name", "orders");
        r.setField("partition_key", partition);
        r.setField("access_count", accesses);
        r.setField("read_count", accesses);
        r.setField("write_count", 0L);
        org.apache.iceberg.AppendFiles append = heatmap.newAppend();
        dev.thermocline.flink.iceberg.GenericRowsWriter.write(heatmap, List.of(r)).forEach(append::appendFile);
        append.commit();
    }

    /**
     * For every backup snapshot: its copies tile the key space, and each copy's rows (read at that
     * snapshot) equal the replay of the history up to the copy's cutoff, keys in its range.
     */
    static void assertEveryCopyEqualsTheReplay(TestWarehouse warehouse, List<ChangeRecord> history,
                                               List<Long> snapshots) {
        Table backups = warehouse.table(ThermoclineTables.BACKUPS);
        for (long snapshotId : snapshots) {
            Snapshot snapshot = backups.snapshot(snapshotId);
            List<BackupCopy> copies = BackupSummary.decode("orders", warehouse.specs().get("orders").keyType(),
                    snapshot.summary(), snapshotId);
            assertThat(copies).isNotEmpty();
            assertTiles(copies);
            for (BackupCopy copy : copies) {
                List<ReplayOracle.Row> expected = ReplayOracle.rows(history, copy.cutoffTs(), copy.range());
                assertThat(read(backups, snapshotId, copy.partitionKey()))
                        .as("copy %s at snapshot %d", copy, snapshotId).isEqualTo(expected);
                assertThat(copy.rows()).isEqualTo(expected.size());
            }
        }
    }

    private static void assertTiles(List<BackupCopy> copies) {
        List<KeyRange> ranges = copies.stream().map(BackupCopy::range)
                .sorted(Comparator.comparing(KeyRange::start, Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
        assertThat(ranges.get(0).start()).isNull();
        assertThat(ranges.get(ranges.size() - 1).end()).isNull();
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).start()).isEqualTo(ranges.get(i - 1).end());
        }
    }

    /** One copy's rows at a snapshot, sorted by key, read with plain Iceberg generics. */
    private static List<ReplayOracle.Row> read(Table backups, long snapshotId, String partitionKey) {
        List<ReplayOracle.Row> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(backups).useSnapshot(snapshotId)
                .where(Expressions.and(Expressions.equal("table_name", "orders"),
                        Expressions.equal("partition_key", partitionKey))).build()) {
            for (Record r : records) {
                rows.add(new ReplayOracle.Row((String) r.getField("key"), (String) r.getField("row"),
                        (Long) r.getField("lsn"), (Long) r.getField("seq"),
                        ((OffsetDateTime) r.getField("row_ts")).toInstant()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.sort(Comparator.comparing(r -> new LongKey(Long.parseLong(r.key()))));
        return rows;
    }

    static void ingest(TestWarehouse warehouse, Path dir, List<List<WorkloadEvents.Event>> batches, int i)
            throws Exception {
        Path file = FileIngest.write(dir.resolve("batch-" + i + ".jsonl"), batches.get(i));
        FileIngest.run(warehouse, file, dir.resolve("ck-ingest-" + i));
    }

    private static void commitRevision(TestWarehouse warehouse, java.util.function.UnaryOperator<PartitionMap> change) {
        VersionedHistory base = warehouse.partitionMaps().loadVersioned("orders");
        warehouse.partitionMaps().commit(base, change.apply(base.history().latest().orElseThrow()), Map.of());
    }

    /** The events cut into {@code n} runs of time: a batch's events are all before the next batch's. */
    static List<List<WorkloadEvents.Event>> batches(List<WorkloadEvents.Event> events, int n) {
        List<List<WorkloadEvents.Event>> batches = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= n; i++) {
            int to = i == n ? events.size() : events.size() * i / n;
            Instant boundary = i == n ? null : events.get(to).event().eventTime();
            while (boundary != null && to > from && events.get(to - 1).event().eventTime().equals(boundary)) {
                to--;
            }
            batches.add(events.subList(from, to));
            from = to;
        }
        return batches;
    }

    private static Instant lastTime(List<WorkloadEvents.Event> batch) {
        return batch.stream().filter(e -> !e.bad()).map(e -> e.change().timestamp()).max(Instant::compareTo).orElseThrow();
    }
}
