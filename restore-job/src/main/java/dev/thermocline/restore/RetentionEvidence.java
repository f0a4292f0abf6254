package dev.thermocline.restore;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.flink.backup.BackupSummary;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Infers from metadata how far back the change log of a table is still complete, so a restore that
 * would need removed changes fails instead of returning rows that miss them.
 *
 * <p>Backup retention (changelog-job's {@code Retention}, core's {@code RetentionRule}) removes the
 * change-log files whose changes are all at or before the earliest cutoff of the copies that the
 * kept {@code backups} snapshots list — when every kept snapshot lists a copy of the table. So once
 * the change log shows that files may have been removed (a present snapshot that deleted files, or
 * expired snapshots before the oldest present one), changes are complete only after that earliest
 * cutoff. Without such evidence the log is complete from its first change. An explicit marker, the
 * {@code changelog} property {@value ChangelogExtents#RETAINED_FROM_PREFIX}{@code <table>}, is
 * honoured too; the later of the two wins.
 */
final class RetentionEvidence {

    private RetentionEvidence() {}

    /** The instant changes are complete after, or null when the log is complete from its start. */
    static Instant completeAfter(Table changelog, Table backups, String table, KeyType keyType) {
        if (changelog == null || backups == null || !mayHaveLostFiles(changelog, table)) {
            return null;
        }
        Instant earliest = null;
        for (Snapshot s : backups.snapshots()) {
            var copies = BackupSummary.decode(table, keyType, s.summary(), s.snapshotId());
            if (copies.isEmpty()) {
                return null; // retention keeps the whole log of a table some kept snapshot does not cover
            }
            for (BackupCopy c : copies) {
                earliest = earliest == null || c.cutoffTs().isBefore(earliest) ? c.cutoffTs() : earliest;
            }
        }
        return earliest;
    }

    /**
     * A present snapshot deleted data files of the table, or older snapshots were expired (a delete
     * may have gone with them; which table it touched is unknown then).
     */
    private static boolean mayHaveLostFiles(Table changelog, String table) {
        Set<Long> present = new HashSet<>();
        for (Snapshot s : changelog.snapshots()) {
            present.add(s.snapshotId());
        }
        for (Snapshot s : changelog.snapshots()) {
            if (s.parentId() != null && !present.contains(s.parentId())) {
                return true;
            }
            if (DataOperations.DELETE.equals(s.operation())) {
                for (DataFile f : s.removedDataFiles(changelog.io())) {
                    if (table.equals(tableOf(changelog, f))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String tableOf(Table changelog, DataFile f) {
        PartitionSpec spec = changelog.specs().get(f.specId());
        for (int i = 0; i < spec.fields().size(); i++) {
            if ("table_name".equals(changelog.schema().findColumnName(spec.fields().get(i).sourceId()))) {
                return f.partition().get(i, String.class);
            }
        }
        return null;
    }
}
