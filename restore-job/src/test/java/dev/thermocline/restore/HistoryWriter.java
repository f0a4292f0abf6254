package dev.thermocline.restore;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.reconstruct.RowState;
import dev.thermocline.flink.backup.BackupSummary;
import dev.thermocline.flink.iceberg.GenericRowsWriter;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import dev.thermocline.flink.partitionmap.VersionedHistory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;

/**
 * Writes a {@link TableHistory} to a real catalog the way the jobs do: partition-map revisions
 * through {@link PartitionMapStore}, the change log in several commits (so partitions have several
 * files), and each backup run as one {@code backups} commit that replaces the files of the
 * partitions it copies and lists every copy present after it (BackupSummary's contract).
 */
final class HistoryWriter {

    private final Catalog catalog;
    private final Namespace namespace;

    HistoryWriter(Catalog catalog, Namespace namespace) {
        this.catalog = catalog;
        this.namespace = namespace;
    }

    void write(TableHistory h, int changelogBatches) {
        write(h, changelogBatches, true);
    }

    /** @param backups false to leave the {@code backups} table to the real backup job */
    void write(TableHistory h, int changelogBatches, boolean backups) {
        PartitionMapStore store = new PartitionMapStore(catalog, namespace, Map.of(h.spec.name(), h.spec));
        VersionedHistory versioned = store.loadVersioned(h.spec.name());
        for (PartitionMap next : h.revisions.subList(1, h.revisions.size())) {
            versioned = store.commit(versioned, next, Map.of());
        }
        writeChangelog(h, changelogBatches);
        if (backups) {
            writeBackups(h);
        }
    }

    private void writeChangelog(TableHistory h, int batches) {
        Table changelog = catalog.loadTable(TableIdentifier.of(namespace, ThermoclineTables.CHANGELOG));
        int size = Math.max(1, (h.changelog.size() + batches - 1) / batches);
        for (int from = 0; from < h.changelog.size(); from += size) {
            List<Record> records = new ArrayList<>();
            for (TableHistory.Tagged t : h.changelog.subList(from, Math.min(h.changelog.size(), from + size))) {
                GenericRecord r = GenericRecord.create(changelog.schema());
                r.setField("table_name", t.change().tableName());
                r.setField("partition_key", t.partitionKey());
                r.setField("key", t.change().key().text());
                r.setField("key_long", t.change().key() instanceof LongKey l ? l.value() : null);
                r.setField("op", t.change().op().code());
                r.setField("lsn", t.change().position().lsn());
                r.setField("seq", t.change().position().seq());
                r.setField("ts", OffsetDateTime.ofInstant(t.change().timestamp(), ZoneOffset.UTC));
                r.setField("row", t.change().row());
                records.add(r);
            }
            AppendFiles append = changelog.newAppend();
            GenericRowsWriter.write(changelog, records).forEach(append::appendFile);
            append.commit();
        }
    }

    /** Like a backup run: its snapshot lists every copy present, so other tables' lists carry over. */
    private static void carryOverOtherTables(Table backups, String table, OverwriteFiles overwrite) {
        if (backups.currentSnapshot() == null) {
            return;
        }
        long previous = backups.currentSnapshot().snapshotId();
        backups.currentSnapshot().summary().forEach((k, v) -> {
            if (k.startsWith(BackupSummary.COPIES_PREFIX) && !k.equals(BackupSummary.copiesProperty(table))) {
                // "-1" meant the previous snapshot; in the new one it must name it
                overwrite.set(k, v.replace("\"written_in_snapshot\":" + BackupSummary.THIS_SNAPSHOT,
                        "\"written_in_snapshot\":" + previous));
            }
        });
    }

    private void writeBackups(TableHistory h) {
        Table backups = catalog.loadTable(TableIdentifier.of(namespace, ThermoclineTables.BACKUPS));
        List<BackupCopy> present = new ArrayList<>();
        for (TableHistory.BackupRun run : h.backupRuns) {
            List<Record> records = new ArrayList<>();
            List<BackupCopy> written = new ArrayList<>();
            OverwriteFiles overwrite = backups.newOverwrite();
            for (Partition p : run.partitions()) {
                List<RowState> rows = Oracle.rowsAt(h.history, run.cutoff(), p.range()::contains);
                long cutoffLsn = rows.stream().mapToLong(r -> r.position().lsn()).max().orElse(0);
                for (RowState row : rows) {
                    GenericRecord r = GenericRecord.create(backups.schema());
                    r.setField("table_name", h.spec.name());
                    r.setField("partition_key", p.partitionKey());
                    r.setField("key", row.key().text());
                    r.setField("key_long", row.key() instanceof LongKey l ? l.value() : null);
                    r.setField("row", row.row());
                    r.setField("lsn", row.position().lsn());
                    r.setField("seq", row.position().seq());
                    r.setField("row_ts", OffsetDateTime.ofInstant(row.timestamp(), ZoneOffset.UTC));
                    r.setField("cutoff_ts", OffsetDateTime.ofInstant(run.cutoff(), ZoneOffset.UTC));
                    r.setField("cutoff_lsn", cutoffLsn);
                    records.add(r);
                }
                written.add(new BackupCopy(h.spec.name(), p.partitionKey(), p.range(), run.map().revision(), run.cutoff(),
                        cutoffLsn, rows.size(), BackupSummary.THIS_SNAPSHOT));
                overwrite.overwriteByRowFilter(Expressions.and(Expressions.equal("table_name", h.spec.name()),
                        Expressions.equal("partition_key", p.partitionKey())));
            }
            for (DataFile f : GenericRowsWriter.write(backups, records)) {
                overwrite.addFile(f);
            }
            present.removeIf(c -> written.stream().anyMatch(w -> w.partitionKey().equals(c.partitionKey())));
            List<BackupCopy> listed = new ArrayList<>(present);
            listed.addAll(written);
            overwrite.set(BackupSummary.copiesProperty(h.spec.name()), BackupSummary.encode(listed));
            carryOverOtherTables(backups, h.spec.name(), overwrite);
            overwrite.commit();
            backups.refresh();
            long snapshot = backups.currentSnapshot().snapshotId();
            for (BackupCopy w : written) {
                present.add(new BackupCopy(w.tableName(), w.partitionKey(), w.range(), w.revision(), w.cutoffTs(),
                        w.cutoffLsn(), w.rows(), snapshot));
            }
        }
    }
}
