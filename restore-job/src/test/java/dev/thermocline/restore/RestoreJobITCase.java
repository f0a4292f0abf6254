package dev.thermocline.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.reconstruct.RowState;
import dev.thermocline.core.restore.CostModel;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.restore.RangeSelection;
import dev.thermocline.core.restore.RestoreException;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real catalog and MiniCluster: a random history (splits, merges, backup runs,
 * re-deliveries) written as the jobs write it, then random restores — ranges, key lists, several
 * selections at different times in one pass, as of every kind of instant — whose output equals the
 * oracle's replay of the whole history. The history seed is printed; {@code -Dthermocline.restore.e2e.cases=N}
 * runs more cases.
 */
class RestoreJobITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    private static final long SEED = Long.getLong("thermocline.restore.e2e.seed", System.nanoTime());
    private static final int CASES = Integer.getInteger("thermocline.restore.e2e.cases", 24);

    @TempDir
    static Path dir;
    static RestoreTestbed bed;
    static TableHistory history;

    @BeforeAll
    static void writeHistory() {
        System.out.println("RestoreJobITCase history seed " + SEED + " (-Dthermocline.restore.e2e.seed=" + SEED + ")");
        bed = new RestoreTestbed(dir);
        history = TableHistory.generate(SEED, "orders", 60, 400);
        new HistoryWriter(bed.catalog, bed.namespace).write(history, 5);
    }

    @AfterAll
    static void close() throws Exception {
        bed.close();
    }

    @Test
    void randomRestoresMatchTheReplayOfTheWholeHistory() throws Exception {
        runRandomCases(history, new RandomRequests(history, SEED * 31 + 7), CASES);
    }

    @Test
    void randomRestoresOfStringKeysInByteOrderMatchTheReplay() throws Exception {
        TableHistory strings = TableHistory.generate(SEED + 2, TableHistory.stringKeyed("customers"), 40, 300, true);
        new HistoryWriter(bed.catalog, bed.namespace).write(strings, 3);
        runRandomCases(strings, new RandomRequests(strings, SEED * 17 + 3), Math.max(4, CASES / 4));
    }

    private static void runRandomCases(TableHistory h, RandomRequests requests, int cases) throws Exception {
        for (int n = 0; n < cases; n++) {
            RestoreRequest request = requests.next();
            String context = h + ", case " + n + ": " + request.selections() + " as of " + request.asOf();
            Path out = dir.resolve(h.spec.name() + "-case-" + n + ".jsonl");
            if (requests.beforeAnyData(request)) {
                assertThatThrownBy(() -> bed.restore(h.spec, request, new JsonLinesOutput(out, h.spec.keyType())))
                        .as(context).isInstanceOf(RestoreException.class).hasMessageContaining("before any data");
                assertThat(out).as(context).doesNotExist();
                continue;
            }
            RestoreResult result = bed.restore(h.spec, request, new JsonLinesOutput(out, h.spec.keyType()));
            List<RowState> expected = requests.expected(request);
            assertThat(RestoreTestbed.readJsonLines(out)).as(context).isEqualTo(RestoreTestbed.expectedLines(expected));
            assertThat(result.rows()).as(context).isEqualTo(expected.size());
        }
    }

    @Test
    void severalRangesAtDifferentTimesInOnePassIntoAnIcebergTable() throws Exception {
        List<Instant> times = history.times();
        Instant early = times.get(times.size() / 4);
        Instant late = times.get(times.size() - 2);
        RestoreRequest request = new RestoreRequest("orders", late, List.of(
                new RangeSelection.Interval(KeyInterval.closed(Key.of(0), Key.of(19)), early),
                new RangeSelection.Interval(KeyInterval.atLeast(Key.of(20)), null)));
        TableIdentifier into = TableIdentifier.of(bed.namespace, "restored_two_times");

        RestoreResult result = bed.restore(history.spec, request, new IcebergTableOutput(bed.catalog, into, "orders"));

        List<RowState> expected = expected(request);
        Table table = bed.catalog.loadTable(into);
        assertThat(readRestored(table)).as(history.toString()).isEqualTo(expected.stream()
                .map(r -> r.key().text() + " " + r.row() + " " + r.position().lsn() + " " + r.timestamp()).toList());
        assertThat(table.currentSnapshot().summary())
                .containsEntry("thermocline.restore.table", "orders")
                .containsEntry("thermocline.restore.as-of", early + "," + late)
                .containsEntry("thermocline.restore.rows", Long.toString(expected.size()))
                .containsKey("thermocline.restore.changelog-snapshot");
        assertThat(result.units()).hasSizeGreaterThanOrEqualTo(2);

        // a second restore into the same name replaces it in one commit; the first stays reachable
        long first = table.currentSnapshot().snapshotId();
        RestoreRequest again = new RestoreRequest("orders", late, List.of(new RangeSelection.Interval(KeyInterval.all(), null)));
        bed.restore(history.spec, again, new IcebergTableOutput(bed.catalog, into, "orders"));
        table.refresh();
        assertThat(readRestored(table)).hasSize(expected(again).size());
        assertThat(table.snapshot(first)).isNotNull();
    }

    @Test
    void aRestoreWhoseChangeLogFileIsMissingFailsWithTheFileNamedAndWritesNothing() throws Exception {
        TableHistory broken = TableHistory.generate(SEED + 1, "broken", 30, 120);
        new HistoryWriter(bed.catalog, bed.namespace).write(broken, 2);
        RestoreRequest request = new RestoreRequest("broken", broken.times().get(broken.times().size() - 1),
                List.of(new RangeSelection.Interval(KeyInterval.all(), null)));
        ResolvedPlan plan = bed.resolve(broken.spec, request);
        String victim = plan.files().stream().flatMap(List::stream).flatMap(f -> f.changes().stream())
                .findFirst().orElseThrow().location();
        Files.delete(Path.of(victim.replaceFirst("^file:", "")));

        Path out = dir.resolve("broken.jsonl");
        assertThatThrownBy(() -> bed.restore(broken.spec, request, new JsonLinesOutput(out, broken.spec.keyType())))
                .hasStackTraceContaining("changelog data file " + victim + " is missing or unreadable");
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".broken.jsonl"));
        }
        TableIdentifier into = TableIdentifier.of(bed.namespace, "restored_broken");
        assertThatThrownBy(() -> bed.restore(broken.spec, request, new IcebergTableOutput(bed.catalog, into, "broken")))
                .hasStackTraceContaining("is missing or unreadable");
        assertThat(bed.catalog.tableExists(into)).as("no partial output table").isFalse();
    }

    @Test
    void aRangeInsideOnePartitionReadsOnlyThatPartitionsFiles() throws Exception {
        TableHistory narrow = TableHistory.generate(SEED + 3, TableHistory.longKeyed("narrow", 400), 400, 400, false);
        new HistoryWriter(bed.catalog, bed.namespace).write(narrow, 4);
        Instant asOf = narrow.history.get(narrow.history.size() - 1).timestamp();
        String partition = PartitionMap.initial(narrow.spec, Instant.EPOCH).partitionFor(Key.of(120)).partitionKey();
        RestoreRequest request = new RestoreRequest("narrow", asOf,
                List.of(new RangeSelection.Interval(KeyInterval.closed(Key.of(120), Key.of(160)), null)));

        ResolvedPlan plan = bed.resolve(narrow.spec, request);
        ResolvedPlan full = bed.resolve(narrow.spec, ExplainReport.fullTableRequest(request));
        List<PlannedFile> planned = plan.files().stream().flatMap(List::stream)
                .flatMap(f -> Stream.concat(f.base().stream(), f.changes().stream())).toList();
        assertThat(planned).isNotEmpty().allSatisfy(f -> assertThat(f.partitionKey()).isEqualTo(partition));
        assertThat(full.files().stream().flatMap(List::stream).flatMap(f -> Stream.concat(f.base().stream(), f.changes().stream()))
                .map(PlannedFile::partitionKey).distinct()).as("other partitions have files to skip").hasSize(4);

        RestoreResult result = bed.restore(narrow.spec, request, new JsonLinesOutput(dir.resolve("narrow.jsonl"), narrow.spec.keyType()));

        long plannedBytes = planned.stream().mapToLong(PlannedFile::bytes).sum();
        long filesRead = result.units().stream().mapToLong(u -> u.baseFiles + u.changeFiles).sum();
        assertThat(filesRead).as("files opened = files planned").isEqualTo(planned.size());
        assertThat(result.bytesRead()).as("I/O metric: bytes read vs planned %d", plannedBytes)
                .isBetween(plannedBytes / 2, plannedBytes);
        assertThat(result.bytesRead() * 3).as("far below a full-table restore")
                .isLessThan(full.totalBase().bytes() + full.totalChanges().bytes());
        assertThat(RestoreTestbed.readJsonLines(dir.resolve("narrow.jsonl")))
                .isEqualTo(RestoreTestbed.expectedLines(Oracle.rowsAt(narrow.history, asOf, request.selections().get(0)::contains)));
    }

    @Test
    void explainReadsMetadataOnlyAndPredictsTheBytesTheRestoreReads() throws Exception {
        TableHistory explained = TableHistory.generate(SEED + 4, TableHistory.longKeyed("explained", 200), 200, 300, true);
        new HistoryWriter(bed.catalog, bed.namespace).write(explained, 3);
        Instant asOf = explained.history.get(explained.history.size() / 2).timestamp();
        RestoreRequest request = new RestoreRequest("explained", asOf,
                List.of(new RangeSelection.Interval(KeyInterval.closed(Key.of(20), Key.of(90)), null)));
        ExplainReport before = new ExplainReport(bed.resolve(explained.spec, request),
                bed.resolve(explained.spec, ExplainReport.fullTableRequest(request)), CostModel.DEFAULT, 2);

        RestoreResult result = bed.restore(explained.spec, request, new JsonLinesOutput(dir.resolve("explained.jsonl"),
                explained.spec.keyType()));
        long predicted = before.plan().totalBase().bytes() + before.plan().totalChanges().bytes();
        assertThat((double) result.bytesRead()).as("explain's bytes within 10%% of what was read")
                .isBetween(predicted * 0.9, predicted * 1.1);

        // with every data file of the table gone, explain still gives the same plan: it opened none of them
        for (ResolvedPlan p : List.of(before.plan(), before.fullTable())) {
            for (SegmentFiles f : p.files().stream().flatMap(List::stream).toList()) {
                for (PlannedFile file : Stream.concat(f.base().stream(), f.changes().stream()).toList()) {
                    Files.deleteIfExists(Path.of(file.location().replaceFirst("^file:", "")));
                }
            }
        }
        ExplainReport after = new ExplainReport(bed.resolve(explained.spec, request),
                bed.resolve(explained.spec, ExplainReport.fullTableRequest(request)), CostModel.DEFAULT, 2);
        assertThat(after.render()).isEqualTo(before.render()).contains("full-table restore", "predicted duration");
    }

    @Disabled("restore does not yet detect that retention removed changes it needs (RetentionEvidence is unfinished, issue #6); the test is right, the code is not")
    @Test
    void afterRetentionRemovedOldChangesARestoreThatNeedsThemFailsAndOneThatDoesNotSucceeds() throws Exception {
        for (long attempt = 0; attempt < 10; attempt++) {
            String name = "kept" + attempt;
            TableHistory kept = TableHistory.generate(SEED + 50 + attempt, TableHistory.longKeyed(name, 100), 100, 100, 300, false);
            new HistoryWriter(bed.catalog, bed.namespace).write(kept, 12);
            Instant earliestCutoff = kept.backupRuns.stream().map(TableHistory.BackupRun::cutoff).min(Instant::compareTo).orElseThrow();
            if (removeChangesUpTo(name, earliestCutoff) == 0) {
                continue; // no change-log file lies wholly before the first cutoff: try another history
            }
            Instant before = earliestCutoff.minusMillis(1);
            RestoreRequest needsRemoved = new RestoreRequest(name, before,
                    List.of(new RangeSelection.Interval(KeyInterval.all(), null)));
            assertThatThrownBy(() -> bed.restore(kept.spec, needsRemoved, new JsonLinesOutput(dir.resolve(name + "-old.jsonl"),
                    kept.spec.keyType()))).isInstanceOf(RestoreException.class)
                    .hasMessageContaining("is before the retention of table '" + name + "'");

            Instant last = kept.history.get(kept.history.size() - 1).timestamp();
            RestoreRequest inside = new RestoreRequest(name, last, List.of(new RangeSelection.Interval(KeyInterval.all(), null)));
            Path out = dir.resolve(name + "-new.jsonl");
            bed.restore(kept.spec, inside, new JsonLinesOutput(out, kept.spec.keyType()));
            assertThat(RestoreTestbed.readJsonLines(out)).as(kept.toString())
                    .isEqualTo(RestoreTestbed.expectedLines(Oracle.rowsAt(kept.history, last, k -> true)));
            return;
        }
        throw new AssertionError("no history of seed " + SEED + " had a change-log file before its first backup");
    }

    /** What backup retention does to the change log: drop the table's files whose changes are all at or before {@code bound}. */
    private static int removeChangesUpTo(String table, Instant bound) throws IOException {
        Table changelog = bed.catalog.loadTable(TableIdentifier.of(bed.namespace, "changelog"));
        int tsId = changelog.schema().findField("ts").fieldId();
        long micros = ScanFilters.micros(bound);
        DeleteFiles delete = changelog.newDelete();
        int removed = 0;
        try (CloseableIterable<FileScanTask> tasks = changelog.newScan().filter(Expressions.equal("table_name", table))
                .includeColumnStats().planFiles()) {
            for (FileScanTask t : tasks) {
                long upper = Conversions.<Long>fromByteBuffer(Types.TimestampType.withZone(), t.file().upperBounds().get(tsId));
                if (upper <= micros) {
                    delete.deleteFile(t.file());
                    removed++;
                }
            }
        }
        if (removed > 0) {
            delete.commit();
        }
        return removed;
    }

    private static List<String> readRestored(Table table) throws IOException {
        List<String> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            for (Record r : records) {
                rows.add(r.getField("key") + " " + r.getField("row") + " " + r.getField("lsn") + " "
                        + ((java.time.OffsetDateTime) r.getField("ts")).toInstant());
            }
        }
        rows.sort((a, b) -> Long.compare(Long.parseLong(a.split(" ")[0]), Long.parseLong(b.split(" ")[0])));
        return rows;
    }

    private static List<RowState> expected(RestoreRequest request) {
        return new RandomRequests(history, 0).expected(request);
    }
}
