package dev.thermocline.backup;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.backup.BackupPlan;
import dev.thermocline.flink.backup.BackupSummary;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;

/**
 * The one Iceberg commit of a backup run: for every table, removes the files of the partitions
 * its plan replaces and adds the new copies' files, and sets the snapshot summary
 * ({@link BackupSummary}): every copy present after the commit (carried-over ones included), the
 * layout's revision and the cutoff. Tables the run left alone repeat their previous properties, so
 * every snapshot describes every copy it holds. Validated against the snapshot the run planned on:
 * a concurrent backup of the same table fails this commit instead of being overwritten.
 */
final class BackupCommit {

    /** One table's share: its plan, the new files, and every copy it has after the commit. */
    record TablePart(BackupPlan plan, List<DataFile> files, List<BackupCopy> copies) {}

    private BackupCommit() {}

    /** Commits and returns the new snapshot's id. */
    static long commit(Table backups, Snapshot base, List<TablePart> parts) {
        OverwriteFiles overwrite = backups.newOverwrite();
        Expression replaced = Expressions.alwaysFalse();
        Expression touched = Expressions.alwaysFalse();
        for (TablePart part : parts) {
            String table = part.plan().tableName();
            touched = Expressions.or(touched, Expressions.equal("table_name", table));
            if (!part.plan().replaced().isEmpty()) {
                replaced = Expressions.or(replaced, Expressions.and(Expressions.equal("table_name", table),
                        Expressions.in("partition_key", part.plan().replaced().toArray())));
            }
            part.files().forEach(overwrite::addFile);
            overwrite.set(BackupSummary.copiesProperty(table), BackupSummary.encode(part.copies()));
            overwrite.set(BackupSummary.revisionProperty(table), Long.toString(part.plan().layout().revision()));
            overwrite.set(BackupSummary.cutoffProperty(table), part.plan().cutoff().toString());
        }
        if (base != null) {
            for (String table : BackupSummary.tables(base.summary())) {
                if (parts.stream().noneMatch(p -> p.plan().tableName().equals(table))) {
                    BackupSummary.propertiesOf(table, base.summary()).forEach(overwrite::set);
                }
            }
            overwrite.validateFromSnapshot(base.snapshotId());
        }
        overwrite.overwriteByRowFilter(replaced)
                .conflictDetectionFilter(touched)
                .validateNoConflictingData()
                .validateNoConflictingDeletes();
        try {
            overwrite.commit();
        } catch (ValidationException | CommitFailedException e) {
            throw new IllegalStateException("another backup run committed to " + backups.name() + " since this run read "
                    + (base == null ? "it empty" : "snapshot " + base.snapshotId()) + "; run the backup again", e);
        }
        backups.refresh();
        return backups.currentSnapshot().snapshotId();
    }
}
