package dev.thermocline.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.backup.Retention;
import dev.thermocline.changelog.ChangelogProgress;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.restore.CostModel;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.restore.RangeSelection;
import dev.thermocline.core.restore.RestoreException;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.parquet.Parquet;
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
        TableHistory broken = written(SEED + 1, "broken", 120);
        RestoreRequest request = wholeTableAtItsEnd(broken);
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

    /**
     * A file that reads but holds fewer rows than its metadata promises (a truncated rewrite), and a
     * file that is not Parquet any more: both fail the restore naming the file; nothing is written.
     */
    @Test
    void aDataFileHoldingFewerRowsThanItsMetadataPromisesOrCorruptFailsTheRestore() throws Exception {
        TableHistory h = written(SEED + 5, "shortened", 150);
        RestoreRequest request = wholeTableAtItsEnd(h);
        List<SegmentFiles> segments = bed.resolve(h.spec, request).files().stream().flatMap(List::stream).toList();
        // two rows at least: Iceberg's writer leaves no file at all for a copy rewritten with none
        PlannedFile base = segments.stream().flatMap(f -> f.base().stream()).filter(f -> f.records() >= 2).findFirst().orElseThrow();
        PlannedFile change = segments.stream().flatMap(f -> f.changes().stream()).findFirst().orElseThrow();
        Path out = dir.resolve("shortened.jsonl");

        Table backups = bed.catalog.loadTable(TableIdentifier.of(bed.namespace, "backups"));
        Path baseFile = Path.of(base.location().replaceFirst("^file:", ""));
        Path original = dir.resolve("original-base.parquet");
        Files.copy(baseFile, original);
        dropLastRow(backups.schema(), baseFile);
        assertThatThrownBy(() -> bed.restore(h.spec, request, new JsonLinesOutput(out, h.spec.keyType())))
                .hasStackTraceContaining("backups data file " + base.location() + " holds " + (base.records() - 1)
                        + " rows but its metadata promises " + base.records());
        assertThat(out).doesNotExist();

        Files.move(original, baseFile, StandardCopyOption.REPLACE_EXISTING);
        Path changeFile = Path.of(change.location().replaceFirst("^file:", ""));
        Files.write(changeFile, "not parquet".getBytes(StandardCharsets.UTF_8));
        dropChecksum(changeFile);
        TableIdentifier into = TableIdentifier.of(bed.namespace, "restored_shortened");
        assertThatThrownBy(() -> bed.restore(h.spec, request, new IcebergTableOutput(bed.catalog, into, "shortened")))
                .hasStackTraceContaining("changelog data file " + change.location() + " is missing or unreadable");
        assertThat(bed.catalog.tableExists(into)).as("no partial output table").isFalse();
    }

    /**
     * Change-log rows the schema allows but a long-keyed table's change cannot be: one without its
     * {@code key_long}, an update without its after-image. Either fails the restore naming the file
     * and the key; nothing is written.
     */
    @Test
    void aChangeWithoutItsLongKeyOrAnUpdateWithoutItsRowFailsTheRestoreNamingTheFile() throws Exception {
        TableHistory h = written(SEED + 7, "malformed", 150);
        RestoreRequest request = wholeTableAtItsEnd(h);
        PlannedFile change = bed.resolve(h.spec, request).files().stream().flatMap(List::stream)
                .flatMap(f -> f.changes().stream()).findFirst().orElseThrow();
        Table changelog = bed.catalog.loadTable(TableIdentifier.of(bed.namespace, "changelog"));
        Path file = Path.of(change.location().replaceFirst("^file:", ""));
        Path original = dir.resolve("original-change.parquet");
        Files.copy(file, original);
        Path out = dir.resolve("malformed.jsonl");

        rewrite(changelog.schema(), file, rows -> rows.get(0).setField("key_long", null));
        assertThatThrownBy(() -> bed.restore(h.spec, request, new JsonLinesOutput(out, h.spec.keyType())))
                .hasStackTraceContaining("changelog data file " + change.location() + ": a row of table 'malformed' has no key_long");
        assertThat(out).doesNotExist();

        Files.copy(original, file, StandardCopyOption.REPLACE_EXISTING);
        String[] key = new String[1];
        rewrite(changelog.schema(), file, rows -> {
            Record r = rows.get(0);
            r.setField("op", "u");
            r.setField("row", null);
            key[0] = String.valueOf(r.getField("key_long"));
        });
        assertThatThrownBy(() -> bed.restore(h.spec, request, new JsonLinesOutput(out, h.spec.keyType())))
                .hasStackTraceContaining("changelog data file " + change.location() + ": change of key " + key[0] + " is malformed")
                .hasStackTraceContaining("needs an after-image");
        assertThat(out).doesNotExist();
    }

    /** A generated history of 30 keys written with two backup runs. */
    private static TableHistory written(long seed, String table, int steps) {
        TableHistory h = TableHistory.generate(seed, table, 30, steps);
        new HistoryWriter(bed.catalog, bed.namespace).write(h, 2);
        return h;
    }

    /** Every key of the history's table as of its last change. */
    private static RestoreRequest wholeTableAtItsEnd(TableHistory h) {
        return new RestoreRequest(h.spec.name(), h.times().get(h.times().size() - 1),
                List.of(new RangeSelection.Interval(KeyInterval.all(), null)));
    }

    /** Rewrites a Parquet data file in place without its last row; its metadata still promises the old count. */
    private static void dropLastRow(Schema schema, Path file) throws IOException {
        rewrite(schema, file, rows -> rows.remove(rows.size() - 1));
    }

    /** Rewrites a Parquet data file in place with its rows edited; the metadata stays as it was. */
    private static void rewrite(Schema schema, Path file, java.util.function.Consumer<List<Record>> edit) throws IOException {
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = Parquet.read(org.apache.iceberg.Files.localInput(file.toFile())).project(schema)
                .createReaderFunc(s -> GenericParquetReaders.buildReader(schema, s)).build()) {
            records.forEach(r -> rows.add(r.copy()));
        }
        edit.accept(rows);
        Path edited = file.resolveSibling(file.getFileName() + ".edited");
        try (FileAppender<Record> w = Parquet.write(org.apache.iceberg.Files.localOutput(edited.toFile())).schema(schema)
                .createWriterFunc(GenericParquetWriter::create).build()) {
            w.addAll(rows);
        }
        Files.move(edited, file, StandardCopyOption.REPLACE_EXISTING);
        dropChecksum(file);
    }

    /** Hadoop's local file system keeps a .crc beside each file; a file rewritten behind its back has none. */
    private static void dropChecksum(Path file) throws IOException {
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
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
            // the shared warehouse: older backups snapshots do not list this table, so only the removal itself tells
            new HistoryWriter(bed.catalog, bed.namespace).write(kept, 12);
            Instant earliestCutoff = kept.backupRuns.stream().map(TableHistory.BackupRun::cutoff).min(Instant::compareTo).orElseThrow();
            if (removeChangesUpTo(bed, name, earliestCutoff) == 0) {
                continue; // no change-log file lies wholly before the first cutoff: try another history
            }
            assertRefusedBeforeAndRestoredAfter(bed, kept, earliestCutoff.minusMillis(1));
            return;
        }
        throw new AssertionError("no history of seed " + SEED + " had a change-log file before its first backup");
    }

    /**
     * The real backup retention (changelog-job's {@link Retention}) removes old change-log files; a
     * restore needing them is refused while the removing snapshot is in the history, and still after
     * that snapshot itself was expired (then the backups snapshots retention kept tell the bound).
     */
    @Test
    void afterTheBackupRetentionRanAndItsSnapshotsExpiredARestoreNeedingRemovedChangesIsRefused() throws Exception {
        for (long attempt = 0; attempt < 10; attempt++) {
            String name = "retained" + attempt;
            TableHistory h = TableHistory.generate(SEED + 70 + attempt, TableHistory.longKeyed(name, 100), 100, 100, 300, false);
            try (RestoreTestbed own = new RestoreTestbed(dir.resolve(name))) {
                new HistoryWriter(own.catalog, own.namespace).write(h, 12);
                ThermoclineTables.ensure(own.catalog, TableIdentifier.of(own.namespace, ChangelogProgress.TABLE),
                        ChangelogProgress.table());
                Retention.Result result = new Retention(own.catalog, own.namespace, Map.of(name, h.spec))
                        .apply(Instant.now()); // after every commit: the newest backups snapshot is the anchor
                if (result.changelogFilesRemoved() == 0) {
                    continue; // no change-log file lies wholly before the kept copies: try another history
                }
                Instant bound = result.changesNeededAfter().get(name);
                assertRefusedBeforeAndRestoredAfter(own, h, bound.minusMillis(1));

                Table changelog = own.catalog.loadTable(TableIdentifier.of(own.namespace, "changelog"));
                changelog.newAppend().commit(); // the change log goes on; then the removing snapshot expires
                changelog.expireSnapshots().expireOlderThan(Long.MAX_VALUE).retainLast(1).commit();
                changelog.refresh();
                assertThat(changelog.snapshots()).as("only the newest snapshot is left").hasSize(1);
                assertRefusedBeforeAndRestoredAfter(own, h, bound.minusMillis(1));
                return;
            }
        }
        throw new AssertionError("no history of seed " + SEED + " let retention remove a change-log file");
    }

    /** As of {@code removedAt} the restore is refused naming the retention; as of the last change it equals the oracle. */
    private static void assertRefusedBeforeAndRestoredAfter(RestoreTestbed on, TableHistory h, Instant removedAt) throws Exception {
        String name = h.spec.name();
        RestoreRequest needsRemoved = new RestoreRequest(name, removedAt, List.of(new RangeSelection.Interval(KeyInterval.all(), null)));
        Path old = dir.resolve(name + "-old.jsonl");
        assertThatThrownBy(() -> on.restore(h.spec, needsRemoved, new JsonLinesOutput(old, h.spec.keyType())))
                .isInstanceOf(RestoreException.class).hasMessageContaining("is before the retention of table '" + name + "'");
        assertThat(old).doesNotExist();

        Instant last = h.history.get(h.history.size() - 1).timestamp();
        RestoreRequest inside = new RestoreRequest(name, last, List.of(new RangeSelection.Interval(KeyInterval.all(), null)));
        Path out = dir.resolve(name + "-new.jsonl");
        on.restore(h.spec, inside, new JsonLinesOutput(out, h.spec.keyType()));
        assertThat(RestoreTestbed.readJsonLines(out)).as(h.toString())
                .isEqualTo(RestoreTestbed.expectedLines(Oracle.rowsAt(h.history, last, k -> true)));
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
