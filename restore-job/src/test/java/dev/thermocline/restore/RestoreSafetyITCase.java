package dev.thermocline.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.key.Key;
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
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What restore refuses or promises beyond the rows: a missing data file fails naming it and writes
 * nothing; after retention removed old changes, a restore needing them fails; explain reads metadata
 * only and predicts the bytes read. Seed printed.
 */
class RestoreSafetyITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    private static final long SEED = Long.getLong("thermocline.restore.e2e.seed", System.nanoTime());

    @TempDir
    static Path dir;
    static RestoreTestbed bed;

    @BeforeAll
    static void open() {
        System.out.println("RestoreSafetyITCase seed " + SEED + " (-Dthermocline.restore.e2e.seed=" + SEED + ")");
        bed = new RestoreTestbed(dir);
    }

    @AfterAll
    static void close() throws Exception {
        bed.close();
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

    @Test
    void afterRetentionRemovedOldChangesARestoreThatNeedsThemFailsAndOneThatDoesNotSucceeds() throws Exception {
        for (long attempt = 0; attempt < 10; attempt++) {
            String name = "kept" + attempt;
            TableHistory kept = TableHistory.generate(SEED + 50 + attempt, TableHistory.longKeyed(name, 100), 100, 100, 300, false);
            // its own warehouse: every backups snapshot lists this table, as retention's rule requires
            RestoreTestbed own = new RestoreTestbed(dir.resolve(name));
            new HistoryWriter(own.catalog, own.namespace).write(kept, 12);
            Instant earliestCutoff = kept.backupRuns.stream().map(TableHistory.BackupRun::cutoff).min(Instant::compareTo).orElseThrow();
            if (removeChangesUpTo(own, name, earliestCutoff) == 0) {
                own.close();
                continue; // no change-log file lies wholly before the first cutoff: try another history
            }
            Instant before = earliestCutoff.minusMillis(1);
            RestoreRequest needsRemoved = new RestoreRequest(name, before,
                    List.of(new RangeSelection.Interval(KeyInterval.all(), null)));
            assertThatThrownBy(() -> own.restore(kept.spec, needsRemoved, new JsonLinesOutput(dir.resolve(name + "-old.jsonl"),
                    kept.spec.keyType()))).isInstanceOf(RestoreException.class)
                    .hasMessageContaining("is before the retention of table '" + name + "'");

            Instant last = kept.history.get(kept.history.size() - 1).timestamp();
            RestoreRequest inside = new RestoreRequest(name, last, List.of(new RangeSelection.Interval(KeyInterval.all(), null)));
            Path out = dir.resolve(name + "-new.jsonl");
            own.restore(kept.spec, inside, new JsonLinesOutput(out, kept.spec.keyType()));
            assertThat(RestoreTestbed.readJsonLines(out)).as(kept.toString())
                    .isEqualTo(RestoreTestbed.expectedLines(Oracle.rowsAt(kept.history, last, k -> true)));
            own.close();
            return;
        }
        throw new AssertionError("no history of seed " + SEED + " had a change-log file before its first backup");
    }

    /** What backup retention does to the change log: drop the table's files whose changes are all at or before {@code bound}. */
    private static int removeChangesUpTo(RestoreTestbed own, String table, Instant bound) throws IOException {
        Table changelog = own.catalog.loadTable(TableIdentifier.of(own.namespace, "changelog"));
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
}
