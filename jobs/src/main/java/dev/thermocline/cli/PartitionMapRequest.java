package dev.thermocline.cli;

import java.time.Instant;
import java.util.Objects;

/**
 * {@code thermocline partition-map}: the map in force at a time.
 *
 * @param table a configured table
 * @param asOf the time; {@code --as-of} or else now
 */
public record PartitionMapRequest(String table, Instant asOf) {

    public PartitionMapRequest {
        Objects.requireNonNull(table, "table is required.");
        Objects.requireNonNull(asOf, "asOf is required.");
    }
}
