package dev.thermocline.benchmarks.restore;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.reconstruct.RowState;
import dev.thermocline.flink.backup.BackupSummary;
import dev.thermocline.flink.backup.CopyFiles;
import dev.thermocline.flink.iceberg.GenericRowsWriter;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;

/**
 * Writes the benchmark's change log and backups as the changelog and backup jobs lay them out:
 * change-log commits of sorted batches (one file per partition and day per commit), and backup
 * runs that copy the due partitions — each copy in key order, in files of bounded rows
 * ({@link CopyFiles}; {@code -Dthermocline.bench.copy-file-rows=N} sets the bound) — and list every
 * copy present (the BackupSummary contract).
 */
final class BenchTables {

    private final Table changelog;
    private final Table backups;

    BenchTables(Catalog catalog, Namespace namespace) {
        ThermoclineTables.createAll(catalog, namespace);
        this.changelog = catalog.loadTable(TableIdentifier.of(namespace, ThermoclineTables.CHANGELOG));
        this.backups = catalog.loadTable(TableIdentifier.of(namespace, ThermoclineTables.BACKUPS));
        String copyFileRows = System.getProperty("thermocline.bench.copy-file-rows");
        if (copyFileRows != null) { // e.g. a huge value: one file per copy, as before rolled copy files
            backups.updateProperties().set(CopyFiles.TARGET_FILE_ROWS, copyFileRows).commit();
        }
    }

    /** One commit: the batch sorted by partition and key (as hash distribution + sort order would write it). */
    void appendChanges(List<ChangeRecord> batch, List<String> partitionKeys) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> partitionKeys.get(i)).thenComparing(i -> batch.get(i).key()));
        List<Record> records = new ArrayList<>(batch.size());
        GenericRecord template = GenericRecord.create(changelog.schema());
        for (int i : order) {
            ChangeRecord c = batch.get(i);
            GenericRecord r = template.copy();
            r.setField("table_name", c.tableName());
            r.setField("partition_key", partitionKeys.get(i));
            r.setField("key", c.key().text());
            r.setField("key_long", ((LongKey) c.key()).value());
            r.setField("op", c.op().code());
            r.setField("lsn", c.position().lsn());
            r.setField("seq", c.position().seq());
            r.setField("ts", OffsetDateTime.ofInstant(c.timestamp(), ZoneOffset.UTC));
            r.setField("row", c.row());
            records.add(r);
        }
        AppendFiles append = changelog.newAppend();
        GenericRowsWriter.write(changelog, records).forEach(append::appendFile);
        append.commit();
    }

    /**
     * One backup run at {@code cutoff}: new copies of the {@code due} partitions of {@code map} from
     * the live rows then (their old files replaced), the other copies carried over; the snapshot
     * lists every copy present after it (BackupSummary's contract). Returns that list with this
     * snapshot's id filled in.
     */
    List<BackupCopy> backup(String table, PartitionMap map, Instant cutoff, NavigableMap<Long, RowState> live,
                            List<Partition> due, List<BackupCopy> present) {
        List<BackupCopy> written = new ArrayList<>();
        GenericRecord template = GenericRecord.create(backups.schema());
        OverwriteFiles overwrite = backups.newOverwrite();
        for (Partition p : due) {
            Long from = p.range().start() == null ? Long.MIN_VALUE : ((LongKey) p.range().start()).value();
            NavigableMap<Long, RowState> rows = p.range().end() == null ? live.tailMap(from, true)
                    : live.subMap(from, true, ((LongKey) p.range().end()).value(), false);
            long cutoffLsn = 0;
            List<Record> records = new ArrayList<>(rows.size());
            for (Map.Entry<Long, RowState> e : rows.entrySet()) {
                RowState s = e.getValue();
                GenericRecord r = template.copy();
                r.setField("table_name", table);
                r.setField("partition_key", p.partitionKey());
                r.setField("key", s.key().text());
                r.setField("key_long", e.getKey());
                r.setField("row", s.row());
                r.setField("lsn", s.position().lsn());
                r.setField("seq", s.position().seq());
                r.setField("row_ts", OffsetDateTime.ofInstant(s.timestamp(), ZoneOffset.UTC));
                r.setField("cutoff_ts", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                r.setField("cutoff_lsn", null);
                records.add(r);
                cutoffLsn = Math.max(cutoffLsn, s.position().lsn());
            }
            CopyFiles.write(backups, records).forEach(overwrite::addFile); // key order, as the backup job writes
            written.add(new BackupCopy(table, p.partitionKey(), p.range(), map.revision(), cutoff, cutoffLsn, rows.size(),
                    BackupSummary.THIS_SNAPSHOT));
            overwrite.overwriteByRowFilter(Expressions.and(Expressions.equal("table_name", table),
                    Expressions.equal("partition_key", p.partitionKey())));
        }
        List<BackupCopy> listed = new ArrayList<>();
        for (BackupCopy c : present) {
            if (written.stream().noneMatch(w -> w.partitionKey().equals(c.partitionKey()))) {
                listed.add(c);
            }
        }
        listed.addAll(written);
        overwrite.set(BackupSummary.copiesProperty(table), BackupSummary.encode(listed));
        overwrite.commit();
        backups.refresh();
        long snapshot = backups.currentSnapshot().snapshotId();
        List<BackupCopy> after = new ArrayList<>();
        for (BackupCopy c : listed) {
            after.add(c.writtenInSnapshot() == BackupSummary.THIS_SNAPSHOT ? new BackupCopy(c.tableName(), c.partitionKey(),
                    c.range(), c.revision(), c.cutoffTs(), c.cutoffLsn(), c.rows(), snapshot) : c);
        }
        return after;
    }
}
