package dev.thermocline.core.partition;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;

/**
 * Adjacent partitions merged into one. {@code mergedPartitionKey} defaults (when null) to the first
 * listed id; it may be any of the merged ids or a fresh one.
 */
public record PartitionMergeRequest(List<String> partitionKeys, String mergedPartitionKey) implements Serializable {

    public PartitionMergeRequest {
        if (partitionKeys == null || partitionKeys.size() < 2) {
            throw new IllegalArgumentException("merge needs at least two partitions, got " + partitionKeys);
        }
        partitionKeys = List.copyOf(partitionKeys);
        if (new HashSet<>(partitionKeys).size() != partitionKeys.size()) {
            throw new IllegalArgumentException("merge lists a partition twice: " + partitionKeys);
        }
        if (mergedPartitionKey == null) {
            mergedPartitionKey = partitionKeys.get(0);
        } else if (mergedPartitionKey.isBlank()) {
            throw new IllegalArgumentException("merge of " + partitionKeys + ": merged id is blank");
        }
    }

    public static PartitionMergeRequest of(List<String> partitionKeys) {
        return new PartitionMergeRequest(partitionKeys, null);
    }
}
