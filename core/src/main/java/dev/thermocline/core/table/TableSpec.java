package dev.thermocline.core.table;

import dev.thermocline.core.key.KeyType;
import java.io.Serializable;
import java.util.Objects;

/**
 * A protected table as configured: its key column, key type and initial partitioning. Serializable,
 * so Flink functions carry it to their tasks as it is.
 *
 * @param name the table's name as it appears in access records and change events
 * @param keyColumn the key column in the change events' before/after images
 * @param keyType how keys are typed and ordered
 * @param initialPartitioning the partitioning used before the first revision is committed
 */
public record TableSpec(String name, String keyColumn, KeyType keyType, InitialPartitioning initialPartitioning)
        implements Serializable {

    public TableSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("table name is required");
        }
        if (keyColumn == null || keyColumn.isBlank()) {
            throw new IllegalArgumentException("table '" + name + "': key column is required");
        }
        Objects.requireNonNull(keyType, "table '" + name + "': key-type is required");
        Objects.requireNonNull(initialPartitioning, "table '" + name + "': initial partitioning is required");
        if (initialPartitioning instanceof InitialPartitioning.EqualRanges eq && eq.low().type() != keyType) {
            throw new IllegalArgumentException("table '" + name + "': key-domain is not of key-type " + keyType.configName());
        }
    }
}
