package dev.thermocline.backup;

import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.reconstruct.RowState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Rows of the {@code backups} table: {@code table_name, partition_key, key, key_long, row, lsn, seq,
 * row_ts, cutoff_ts, cutoff_lsn} — one live row of one copy. Restore reads them back the same way:
 * a row is {@code RowState.live(key, row, (lsn, seq), row_ts)}.
 */
public final class BackupRows {

    private BackupRows() {}

    static Record toRecord(Schema schema, String table, String partitionKey, RowState row, Instant cutoff,
                           long cutoffLsn) {
        GenericRecord r = GenericRecord.create(schema);
        r.setField("table_name", table);
        r.setField("partition_key", partitionKey);
        r.setField("key", row.key().text());
        r.setField("key_long", row.key() instanceof LongKey l ? l.value() : null);
        r.setField("row", row.row());
        r.setField("lsn", row.position().lsn());
        r.setField("seq", row.position().seq());
        r.setField("row_ts", OffsetDateTime.ofInstant(row.timestamp(), ZoneOffset.UTC));
        r.setField("cutoff_ts", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
        r.setField("cutoff_lsn", cutoffLsn);
        return r;
    }

    /**
     * The rows of copy {@code partitionKey} of {@code table} in {@code snapshotId} whose keys lie in
     * {@code range}, sorted as stored.
     */
    public static List<RowState> read(Table backups, long snapshotId, String table, String partitionKey,
                                      KeyType keyType, KeyRange range) {
        List<RowState> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(backups).useSnapshot(snapshotId)
                .where(Expressions.and(Expressions.equal("table_name", table),
                        Expressions.and(Expressions.equal("partition_key", partitionKey), KeyFilters.in(range))))
                .build()) {
            for (Record r : records) {
                rows.add(RowState.live(keyType.parse((String) r.getField("key")), (String) r.getField("row"),
                        new ChangePosition((Long) r.getField("lsn"), (Long) r.getField("seq")),
                        ((OffsetDateTime) r.getField("row_ts")).toInstant()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + backups.name() + " failed", e);
        }
        return rows;
    }
}
