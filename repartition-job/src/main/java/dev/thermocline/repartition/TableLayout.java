package dev.thermocline.repartition;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TableSpec} in a form Flink ships to its tasks ({@code TableSpec} is not serializable):
 * the initial partitioning travels as its explicit boundaries, which give the same revision 0.
 */
record TableLayout(String name, String keyColumn, KeyType keyType, List<Key> initialBoundaries) implements Serializable {

    TableLayout {
        initialBoundaries = List.copyOf(initialBoundaries);
    }

    static TableLayout of(TableSpec spec) {
        List<Key> boundaries = new ArrayList<>();
        for (Partition p : PartitionMap.initial(spec, Instant.EPOCH).partitions()) {
            if (p.range().start() != null) {
                boundaries.add(p.range().start());
            }
        }
        return new TableLayout(spec.name(), spec.keyColumn(), spec.keyType(), boundaries);
    }

    static List<TableLayout> of(Collection<TableSpec> specs) {
        return specs.stream().map(TableLayout::of).toList();
    }

    TableSpec spec() {
        return new TableSpec(name, keyColumn, keyType, new InitialPartitioning.ExplicitBoundaries(initialBoundaries));
    }

    static Map<String, TableSpec> specs(List<TableLayout> layouts) {
        Map<String, TableSpec> specs = new LinkedHashMap<>();
        layouts.forEach(l -> specs.put(l.name(), l.spec()));
        return specs;
    }
}
