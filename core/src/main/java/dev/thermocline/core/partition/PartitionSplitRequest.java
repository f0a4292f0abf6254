package dev.thermocline.core.partition;

import dev.thermocline.core.key.Key;
import java.io.Serializable;
import java.util.Objects;

/**
 * The seed's split request: after the split {@code [start, splitPoint)} keeps {@code partitionKey}
 * and {@code [splitPoint, end)} becomes {@code newPartitionKey}, a fresh id.
 */
public record PartitionSplitRequest(String partitionKey, Key splitPoint, String newPartitionKey) implements Serializable {

    public PartitionSplitRequest {
        if (partitionKey == null || partitionKey.isBlank()) {
            throw new IllegalArgumentException("split: the partition to split is required");
        }
        Objects.requireNonNull(splitPoint, "split of " + partitionKey + ": split point is required");
        if (newPartitionKey == null || newPartitionKey.isBlank()) {
            throw new IllegalArgumentException("split of " + partitionKey + ": the new partition's id is required");
        }
        if (newPartitionKey.equals(partitionKey)) {
            throw new IllegalArgumentException("split of " + partitionKey + ": the new partition needs an id of its own");
        }
    }
}
