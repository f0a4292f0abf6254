package dev.thermocline.core.partition;

import dev.thermocline.core.key.Key;
import java.io.Serializable;
import java.util.Objects;

/**
 * One partition of a table's key space.
 *
 * @param partitionKey the partition's id (e.g. {@code p7}); ids are never reused within a table
 * @param range the keys it holds
 */
public record Partition(String partitionKey, KeyRange range) implements Serializable {

    public Partition {
        if (partitionKey == null || partitionKey.isBlank()) {
            throw new IllegalArgumentException("partition id is required (range " + range + ")");
        }
        Objects.requireNonNull(range, "partition '" + partitionKey + "': range is required");
    }

    public boolean contains(Key key) {
        return range.contains(key);
    }

    @Override
    public String toString() {
        return partitionKey + range;
    }
}
