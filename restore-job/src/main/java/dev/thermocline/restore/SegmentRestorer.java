package dev.thermocline.restore;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.reconstruct.ChangeApplier;
import dev.thermocline.core.reconstruct.RowState;
import dev.thermocline.core.restore.RestoreException;
import dev.thermocline.core.restore.RestoreSegment;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;

/**
 * Reconstructs one segment: its base copy's rows (checked to be that copy: partition and cutoff)
 * plus its changes in {@code (cutoff, T]}, through the shared engine ({@link ChangeApplier}).
 * Counts what it reads into {@link UnitStats}; {@code afterEachFile} lets the caller report progress.
 */
final class SegmentRestorer {

    static final String[] BACKUP_COLUMNS =
            {"table_name", "partition_key", "key", "key_long", "row", "lsn", "seq", "row_ts", "cutoff_ts"};
    static final String[] CHANGE_COLUMNS = {"table_name", "key", "key_long", "op", "lsn", "seq", "ts", "row"};

    private final ResolvedPlan plan;
    private final Schema backupProjection;
    private final Schema changeProjection;

    SegmentRestorer(ResolvedPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan is required");
        this.backupProjection = plan.backupsSchema().select(BACKUP_COLUMNS);
        this.changeProjection = plan.changelogSchema().select(CHANGE_COLUMNS);
    }

    List<RowState> restore(Instant asOf, RestoreSegment segment, SegmentFiles files, UnitStats stats, Runnable afterEachFile) {
        ChangeApplier applier = segment.applier(asOf);
        List<RowState> base = new ArrayList<>();
        BackupCopy copy = segment.base();
        for (PlannedFile f : files.base()) {
            long start = System.nanoTime();
            stats.baseRowsRead += DataFileRows.read(plan.backupsIo(), f, backupProjection, "backups", stats.baseBytes, r -> {
                RowState row = baseRow(copy, f, r);
                if (applier.acceptsKey(row.key())) {
                    base.add(row);
                }
            });
            stats.baseFiles++;
            stats.baseNanos += System.nanoTime() - start;
            afterEachFile.run();
        }
        long replayStart = System.nanoTime();
        List<ChangeRecord> changes = new ArrayList<>();
        for (PlannedFile f : files.changes()) {
            stats.changesRead += DataFileRows.read(plan.changelogIo(), f, changeProjection, "changelog", stats.changeBytes, r -> {
                ChangeRecord c = change(f, r);
                if (applier.accepts(c)) {
                    changes.add(c);
                }
            });
            stats.changeFiles++;
            afterEachFile.run();
        }
        stats.changesReplayed += changes.size();
        List<RowState> rows = applier.reconstruct(base, changes);
        stats.replayNanos += System.nanoTime() - replayStart;
        return rows;
    }

    private RowState baseRow(BackupCopy copy, PlannedFile f, Record r) {
        String where = "backups data file " + f.location();
        if (!plan.table().equals(r.getField("table_name")) || !copy.partitionKey().equals(r.getField("partition_key"))) {
            throw new RestoreException(where + " holds a row of " + r.getField("table_name") + "/"
                    + r.getField("partition_key") + " but was planned as copy " + copy.partitionKey() + " of " + plan.table());
        }
        Instant cutoff = instant(r.getField("cutoff_ts"));
        if (!copy.cutoffTs().equals(cutoff)) {
            throw new RestoreException(where + " holds a row with cutoff " + cutoff + " but copy " + copy.partitionKey()
                    + " (snapshot " + copy.writtenInSnapshot() + ") has cutoff " + copy.cutoffTs());
        }
        Key key = key(r, where);
        String row = (String) r.getField("row");
        if (row == null) {
            throw new RestoreException(where + ": key " + key + " has no row");
        }
        return RowState.live(key, row, new ChangePosition((Long) r.getField("lsn"), (Long) r.getField("seq")),
                instant(r.getField("row_ts")));
    }

    private ChangeRecord change(PlannedFile f, Record r) {
        String where = "changelog data file " + f.location();
        Key key = key(r, where);
        try {
            return new ChangeRecord((String) r.getField("table_name"), key, ChangeOp.fromCode((String) r.getField("op")),
                    new ChangePosition((Long) r.getField("lsn"), (Long) r.getField("seq")), instant(r.getField("ts")),
                    (String) r.getField("row"));
        } catch (IllegalArgumentException e) {
            throw new RestoreException(where + ": change of key " + key + " is malformed: " + e.getMessage(), e);
        }
    }

    private Key key(Record r, String where) {
        if (plan.keyType() == KeyType.LONG) {
            Long value = (Long) r.getField("key_long");
            if (value == null) {
                throw new RestoreException(where + ": key '" + r.getField("key") + "' of long-keyed table '"
                        + plan.table() + "' has no key_long");
            }
            return Key.of(value);
        }
        return Key.of((String) r.getField("key"));
    }

    private static Instant instant(Object value) {
        return ((OffsetDateTime) value).toInstant();
    }
}
