package dev.thermocline.core.backup;

import dev.thermocline.core.partition.KeyRange;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One partition's copy in the {@code backups} table: every live row of {@code range} as of the
 * cutoff, i.e. the result of replaying every change of those keys with {@code ts <= cutoffTs}.
 * Restore starts from the newest copy with {@code cutoffTs <= T} that covers a key, then replays
 * the changes in {@code (cutoffTs, T]}.
 *
 * @param tableName the protected table
 * @param partitionKey the partition the copy was made for (its id in map revision {@code revision})
 * @param range the keys the copy covers
 * @param revision the partition-map revision the copy was laid out by
 * @param cutoffTs every change with ts at or before this instant is in the copy; none after it
 * @param cutoffLsn the highest position included (informational; 0 when the copy is empty)
 * @param rows live rows in the copy
 * @param writtenInSnapshot the {@code backups} snapshot that wrote the copy's files; a later
 *     snapshot that carries the copy over unchanged still holds the same files
 */
public record BackupCopy(
        String tableName,
        String partitionKey,
        KeyRange range,
        long revision,
        Instant cutoffTs,
        long cutoffLsn,
        long rows,
        long writtenInSnapshot)
        implements Serializable {

    public BackupCopy {
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException("backup copy needs a table name");
        }
        if (partitionKey == null || partitionKey.isBlank()) {
            throw new IllegalArgumentException("backup copy of '" + tableName + "' needs a partition key");
        }
        Objects.requireNonNull(range, "backup copy range is required");
        Objects.requireNonNull(cutoffTs, "backup copy cutoff is required");
        if (rows < 0) {
            throw new IllegalArgumentException("backup copy of " + partitionKey + " has " + rows + " rows");
        }
    }
}
