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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.iceberg.Schema;
import org.apache.flink.table.data.RowData;

/**
 * Reconstructs one segment: its base copy's rows (checked to be that copy: partition and cutoff)
 * plus its changes in {@code (cutoff, T]}, through the shared engine ({@link ChangeApplier}).
 * Counts what it reads into {@link UnitStats}; {@code afterEachFile} lets the caller report progress.
 */
final class SegmentRestorer {

    /**
     * The columns restore reads: the key column of the table's key type (numeric order for long
     * keys), the row and its position and time; table and partition come from the file's metadata
     * (identity partitions), so no per-row decode is spent on them.
     */
    static String[] backupColumns(KeyType type) {
        return new String[] {keyColumn(type), "row", "lsn", "seq", "row_ts", "cutoff_ts"};
    }

    static String[] changeColumns(KeyType type) {
        return new String[] {keyColumn(type), "op", "lsn", "seq", "ts", "row"};
    }

    private static String keyColumn(KeyType type) {
        return type == KeyType.LONG ? "key_long" : "key";
    }

    private final ResolvedPlan plan;
    private final Schema backupProjection;
    private final Schema changeProjection;
    private final Fields backup;
    private final Fields change;

    SegmentRestorer(ResolvedPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan is required");
        this.backupProjection = plan.backupsSchema().select(backupColumns(plan.keyType()));
        this.changeProjection = plan.changelogSchema().select(changeColumns(plan.keyType()));
        this.backup = new Fields(backupProjection);
        this.change = new Fields(changeProjection);
    }

    /** Positions of the projected columns: reading by position avoids a name lookup per field and row. */
    private static final class Fields {
        final int key;
        final int keyLong;
        final int row;
        final int lsn;
        final int seq;
        final int ts;
        final int rowTs;
        final int cutoff;
        final int op;

        Fields(Schema projection) {
            key = position(projection, "key");
            keyLong = position(projection, "key_long");
            row = position(projection, "row");
            lsn = position(projection, "lsn");
            seq = position(projection, "seq");
            ts = position(projection, "ts");
            rowTs = position(projection, "row_ts");
            cutoff = position(projection, "cutoff_ts");
            op = position(projection, "op");
        }

        private static int position(Schema projection, String name) {
            for (int i = 0; i < projection.columns().size(); i++) {
                if (projection.columns().get(i).name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }

    List<RowState> restore(Instant asOf, RestoreSegment segment, SegmentFiles files, UnitStats stats, Runnable afterEachFile) {
        ChangeApplier applier = segment.applier(asOf);
        List<RowState> base = new ArrayList<>();
        BackupCopy copy = segment.base();
        for (PlannedFile f : files.base()) {
            checkBelongsToCopy(copy, f);
            long start = System.nanoTime();
            long cpu = UnitStats.cpuNanos();
            boolean[] first = {true};
            stats.baseRowsRead += DataFileRows.read(plan.backupsIo(), f, backupProjection, "backups", stats.baseBytes, r -> {
                if (first[0]) {
                    checkCutoff(copy, f, r); // one run writes a copy's files with one cutoff
                    first[0] = false;
                }
                RowState row = baseRow(f, r);
                if (applier.acceptsKey(row.key())) {
                    base.add(row);
                }
            });
            stats.baseFiles++;
            stats.baseNanos += System.nanoTime() - start;
            stats.baseCpuNanos += UnitStats.cpuNanos() - cpu;
            afterEachFile.run();
        }
        long replayStart = System.nanoTime();
        long replayCpu = UnitStats.cpuNanos();
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
        List<RowState> folded = applier.fold(changes);
        stats.replayNanos += System.nanoTime() - replayStart;
        stats.replayCpuNanos += UnitStats.cpuNanos() - replayCpu;
        // meeting the base is a walk over its rows, so its time is the base's (as the cost model has it)
        long mergeStart = System.nanoTime();
        long mergeCpu = UnitStats.cpuNanos();
        List<RowState> rows = applier.merge(base, folded);
        stats.baseNanos += System.nanoTime() - mergeStart;
        stats.baseCpuNanos += UnitStats.cpuNanos() - mergeCpu;
        return rows;
    }

    /** The planner chose the file from the copy's partition; a file of another partition means the metadata lies. */
    private void checkBelongsToCopy(BackupCopy copy, PlannedFile f) {
        if (f.partitionKey() != null && !copy.partitionKey().equals(f.partitionKey())) {
            throw new RestoreException("backups data file " + f.location() + " belongs to partition " + f.partitionKey()
                    + " but was planned as copy " + copy.partitionKey() + " of " + plan.table());
        }
    }

    private void checkCutoff(BackupCopy copy, PlannedFile f, RowData r) {
        Instant cutoff = instant(r, backup.cutoff);
        if (!copy.cutoffTs().equals(cutoff)) {
            throw new RestoreException("backups data file " + f.location() + " holds rows with cutoff " + cutoff
                    + " but copy " + copy.partitionKey() + " (snapshot " + copy.writtenInSnapshot() + ") has cutoff "
                    + copy.cutoffTs());
        }
    }

    private RowState baseRow(PlannedFile f, RowData r) {
        Key key = key(r, backup, f, "backups");
        if (r.isNullAt(backup.row)) {
            throw new RestoreException("backups data file " + f.location() + ": key " + key + " has no row");
        }
        return RowState.live(key, r.getString(backup.row).toString(), position(r, backup, f, "backups"), instant(r, backup.rowTs));
    }

    private ChangeRecord change(PlannedFile f, RowData r) {
        Key key = key(r, change, f, "changelog");
        try {
            return new ChangeRecord(plan.table(), key, ChangeOp.fromCode(string(r, change.op)), position(r, change, f, "changelog"),
                    instant(r, change.ts), string(r, change.row));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RestoreException("changelog data file " + f.location() + ": change of key " + key + " is malformed: "
                    + e.getMessage(), e);
        }
    }

    private Key key(RowData r, Fields fields, PlannedFile f, String what) {
        int at = plan.keyType() == KeyType.LONG ? fields.keyLong : fields.key;
        if (r.isNullAt(at)) {
            throw new RestoreException(what + " data file " + f.location() + ": a row of table '" + plan.table() + "' has no "
                    + (plan.keyType() == KeyType.LONG ? "key_long" : "key"));
        }
        return plan.keyType() == KeyType.LONG ? Key.of(r.getLong(at)) : Key.of(r.getString(at).toString());
    }

    private ChangePosition position(RowData r, Fields fields, PlannedFile f, String what) {
        if (r.isNullAt(fields.lsn) || r.isNullAt(fields.seq)) {
            throw new RestoreException(what + " data file " + f.location() + ": a row has no lsn or seq");
        }
        return new ChangePosition(r.getLong(fields.lsn), r.getLong(fields.seq));
    }

    private static String string(RowData r, int at) {
        return r.isNullAt(at) ? null : r.getString(at).toString();
    }

    /** Iceberg's timestamptz is microseconds; the Flink reader gives it as TimestampData (precision 6). */
    private static Instant instant(RowData r, int at) {
        return r.isNullAt(at) ? null : r.getTimestamp(at, 6).toInstant();
    }
}
