package dev.thermocline.restore;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.flink.backup.BackupSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Every backup copy of a table that can still be read, from the {@code backups} snapshot summaries
 * alone (BackupSummary's contract: each snapshot lists every copy present after it). A copy is
 * identified by its partition and the snapshot that wrote it; it is read at the newest snapshot
 * that lists it, so expiring older snapshots loses nothing as long as one listing snapshot remains.
 */
final class BackupCopies {

    private BackupCopies() {}

    /** Copies listed by snapshots up to and including {@code upTo} (the snapshot the plan reads). */
    static List<ReadableCopy> read(Table backups, long upTo, String table, KeyType keyType) {
        Map<String, ReadableCopy> byIdentity = new LinkedHashMap<>();
        for (Snapshot s = backups.snapshot(upTo); s != null; s = parent(backups, s)) {
            for (BackupCopy c : BackupSummary.decode(table, keyType, s.summary(), s.snapshotId())) {
                // walking from newest to oldest: the first snapshot listing a copy is the newest one
                byIdentity.putIfAbsent(c.partitionKey() + "@" + c.writtenInSnapshot(), new ReadableCopy(c, s.snapshotId()));
            }
        }
        return new ArrayList<>(byIdentity.values());
    }

    private static Snapshot parent(Table table, Snapshot s) {
        return s.parentId() == null ? null : table.snapshot(s.parentId());
    }
}
