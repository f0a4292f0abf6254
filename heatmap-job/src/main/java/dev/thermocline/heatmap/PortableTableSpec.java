package dev.thermocline.heatmap;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TableSpec} in a form that ships to Flink tasks (TableSpec is not {@link Serializable}):
 * the initial partitioning travels as its explicit boundaries, which give the same revision 0 as the
 * configured domain and count did.
 */
record PortableTableSpec(String name, String keyColumn, String keyType, List<String> boundaries) implements Serializable {

    static PortableTableSpec of(TableSpec spec) {
        List<String> boundaries = new ArrayList<>();
        for (Partition p : PartitionMap.initial(spec, Instant.EPOCH).partitions()) {
            if (p.range().start() != null) {
                boundaries.add(p.range().start().text());
            }
        }
        return new PortableTableSpec(spec.name(), spec.keyColumn(), spec.keyType().configName(), List.copyOf(boundaries));
    }

    static Map<String, PortableTableSpec> of(Map<String, TableSpec> specs) {
        Map<String, PortableTableSpec> portable = new HashMap<>();
        specs.forEach((name, spec) -> portable.put(name, of(spec)));
        return portable;
    }

    TableSpec toSpec() {
        KeyType type = KeyType.fromName(keyType);
        List<Key> keys = boundaries.stream().map(type::parse).toList();
        return new TableSpec(name, keyColumn, type, new InitialPartitioning.ExplicitBoundaries(keys));
    }

    static Map<String, TableSpec> toSpecs(Map<String, PortableTableSpec> portable) {
        Map<String, TableSpec> specs = new HashMap<>();
        portable.forEach((name, p) -> specs.put(name, p.toSpec()));
        return specs;
    }
}
