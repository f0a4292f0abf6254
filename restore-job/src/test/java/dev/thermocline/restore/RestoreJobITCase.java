package dev.thermocline.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.reconstruct.RowState;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.restore.RangeSelection;
import dev.thermocline.core.restore.RestoreException;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
