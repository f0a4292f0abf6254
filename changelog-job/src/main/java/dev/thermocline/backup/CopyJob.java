package dev.thermocline.backup;

import dev.thermocline.core.backup.CopyTask;
import dev.thermocline.core.key.KeyType;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Everything one parallel task needs to build one copy, without asking the planner again.
 *
 * @param table the protected table
 * @param keyType its key type
 * @param task what to build
 * @param cutoff the copy's cutoff
 * @param backupsSnapshot the {@code backups} snapshot the base copies are read at; null before the first backup
 * @param changelogSnapshot the {@code changelog} snapshot the changes are read at
 * @param sourcePartitionIds for each of the task's sources, the changelog partition ids its keys can be tagged with
 */
public record CopyJob(String table, KeyType keyType, CopyTask task, Instant cutoff, Long backupsSnapshot,
                      long changelogSnapshot, List<List<String>> sourcePartitionIds) implements Serializable {

    public CopyJob {
        sourcePartitionIds = sourcePartitionIds.stream().map(List::copyOf).toList();
        if (sourcePartitionIds.size() != task.sources().size()) {
            throw new IllegalArgumentException("copy of " + task.partition() + ": " + sourcePartitionIds.size()
                    + " id lists for " + task.sources().size() + " sources");
        }
    }
}
