package dev.thermocline.core.partition;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Maps and tables that read like the domain. */
final class PartitionMapTestData {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private PartitionMapTestData() {}

    static TableSpec ordersInEqualRanges(int count, long low, long high) {
        return new TableSpec("orders", "id", KeyType.LONG,
                new InitialPartitioning.EqualRanges(count, Key.of(low), Key.of(high)));
    }

    static TableSpec ordersWithBoundaries(long... boundaries) {
        List<Key> keys = new ArrayList<>();
        for (long b : boundaries) {
            keys.add(Key.of(b));
        }
        return new TableSpec("orders", "id", KeyType.LONG, new InitialPartitioning.ExplicitBoundaries(keys));
    }

    static TableSpec customersInEqualRanges(int count, String low, String high) {
        return new TableSpec("customers", "email", KeyType.STRING,
                new InitialPartitioning.EqualRanges(count, Key.of(low), Key.of(high)));
    }

    static TableSpec customersWithBoundaries(String... boundaries) {
        List<Key> keys = new ArrayList<>();
        for (String b : boundaries) {
            keys.add(Key.of(b));
        }
        return new TableSpec("customers", "email", KeyType.STRING, new InitialPartitioning.ExplicitBoundaries(keys));
    }

    /** Orders in four partitions: p0 [-inf,100) p1 [100,200) p2 [200,300) p3 [300,+inf). */
    static PartitionMap fourOrderPartitions() {
        return PartitionMap.initial(ordersWithBoundaries(100, 200, 300), T0);
    }

    /** The map's inner boundaries, in order (the starts of every partition but the first). */
    static List<Key> boundaries(PartitionMap map) {
        List<Key> out = new ArrayList<>();
        for (Partition p : map.partitions().subList(1, map.partitions().size())) {
            out.add(p.range().start());
        }
        return out;
    }
}
