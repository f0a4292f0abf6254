package dev.thermocline.core.render;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Table {@code orders}: long keys, domain [0, 1000), revision 0 = four equal partitions
 * (boundaries 250, 500, 750), revision 1 at {@link #SPLIT} splits p2 [500, 750) at 600
 * (p2 [500, 600), p4 [600, 750)). Windows are one minute from {@link #T0}.
 */
final class HeatmapTestData {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final Instant SPLIT = T0.plusSeconds(120);
    static final Optional<KeyRange> DOMAIN = Optional.of(KeyRange.of(Key.of(0), Key.of(1000)));

    private HeatmapTestData() {}

    static PartitionMapHistory ordersHistory() {
        TableSpec spec = new TableSpec("orders", "id", KeyType.LONG,
                new InitialPartitioning.EqualRanges(4, Key.of(0), Key.of(1000)));
        PartitionMap initial = PartitionMap.initial(spec, Instant.EPOCH);
        return PartitionMapHistory.empty("orders").add(initial).add(initial.split("p2", Key.of(600), SPLIT, "hot p2"));
    }

    static Instant minute(int n) {
        return T0.plusSeconds(60L * n);
    }

    /** A cell of window {@code minute} whose accesses hit {@code keys} evenly (no sketch when none). */
    static HeatmapCell cell(int minute, String partition, long accesses, long... keys) {
        byte[] sketch = new byte[0];
        if (keys.length > 0) {
            KeySketch s = KeySketch.create(KeyType.LONG);
            for (long k : keys) {
                s.update(Key.of(k), accesses / keys.length);
            }
            sketch = s.toBytes();
        }
        return new HeatmapCell(minute(minute), minute(minute + 1), "orders", partition, accesses, accesses, 0,
                Map.of(), sketch);
    }

    static long[] range(long from, long toExclusive) {
        long[] keys = new long[(int) (toExclusive - from)];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = from + i;
        }
        return keys;
    }
}
