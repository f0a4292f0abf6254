package dev.thermocline.core.access;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One access to one row of a protected table: the seed's {@code AccessRecord}.
 *
 * @param timestamp when the access happened (event time)
 * @param tableName the protected table
 * @param partitionKey the accessed row's key value, as text (typed by the table's key type)
 * @param accessedColumns the columns the access touched (may be empty)
 * @param op read or write, or unspecified
 */
public record AccessRecord(
        Instant timestamp, String tableName, String partitionKey, List<String> accessedColumns, AccessOp op) {

    public AccessRecord {
        Objects.requireNonNull(timestamp, "timestamp is required");
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException("table_name is required");
        }
        if (partitionKey == null) {
            throw new IllegalArgumentException("partition_key is required");
        }
        accessedColumns = accessedColumns == null ? List.of() : List.copyOf(accessedColumns);
        op = op == null ? AccessOp.UNSPECIFIED : op;
    }
}
