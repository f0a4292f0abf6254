package dev.thermocline.changelog;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TableSpec} in a form Flink can ship to its tasks ({@code TableSpec} is not
 * serializable): the key column and type, and the initial partitioning as explicit boundaries,
 * which yield the same revision 0 as the configured one.
 */
public record TableLayout(String name, String keyColumn, KeyType keyType, List<Key> initialBoundaries)
        implements Serializable {

    public TableLayout {
        initialBoundaries = List.copyOf(initialBoundaries);
    }

    public static TableLayout of(TableSpec spec) {
        List<Key> boundaries = new ArrayList<>();
        for (Partition p : PartitionMap.initial(spec, Instant.EPOCH).partitions()) {
            if (p.range().start() != null) {
                boundaries.add(p.range().start());
            }
        }
        return new TableLayout(spec.name(), spec.keyColumn(), spec.keyType(), boundaries);
    }

    public static List<TableLayout> of(Map<String, TableSpec> specs) {
        return specs.values().stream().map(TableLayout::of).toList();
    }

    public TableSpec spec() {
        return new TableSpec(name, keyColumn, keyType, new InitialPartitioning.ExplicitBoundaries(initialBoundaries));
    }

    public static Map<String, TableSpec> specs(List<TableLayout> layouts) {
        Map<String, TableSpec> specs = new LinkedHashMap<>();
        layouts.forEach(l -> specs.put(l.name(), l.spec()));
        return specs;
    }
}
