package dev.thermocline.flink.iceberg;

import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;

/**
 * What one Thermocline Iceberg table should look like: used to create it and to check an existing
 * one. {@code properties} are applied at creation only; operators may tune them afterwards.
 */
public record TableDefinition(
        String name, Schema schema, PartitionSpec spec, SortOrder sortOrder, Map<String, String> properties) {

    public TableDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("table name is required");
        }
        Objects.requireNonNull(schema, "schema is required");
        spec = spec == null ? PartitionSpec.unpartitioned() : spec;
        sortOrder = sortOrder == null ? SortOrder.unsorted() : sortOrder;
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** The same definition under another name (e.g. one {@code restored_*} table per restore). */
    public TableDefinition named(String newName) {
        return new TableDefinition(newName, schema, spec, sortOrder, properties);
    }
}
