package dev.thermocline.backup;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.backup.DueReason;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backup run did.
 *
 * @param snapshotId the {@code backups} snapshot it committed; null when nothing was due
 * @param tables per table, in run order
 */
public record BackupResult(Long snapshotId, List<TableResult> tables) {

    public BackupResult {
        tables = List.copyOf(tables);
    }

    /**
     * @param table the protected table
     * @param cutoff the cutoff of the copies built
     * @param revision the partition-map revision they are laid out by
     * @param built partition id → why it got a new copy
     * @param copies every copy of the table after the run (ids resolved once committed)
     */
    public record TableResult(String table, Instant cutoff, long revision, Map<String, DueReason> built,
                              List<BackupCopy> copies) {
        public TableResult {
            built = Collections.unmodifiableMap(new LinkedHashMap<>(built));
            copies = List.copyOf(copies);
        }
    }

    public TableResult table(String name) {
        return tables.stream().filter(t -> t.table().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the run did not back up '" + name + "'"));
    }
}
