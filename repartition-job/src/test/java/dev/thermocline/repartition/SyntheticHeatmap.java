package dev.thermocline.repartition;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells a heatmap job would write for one-minute windows of a synthetic load over long keys
 * [0, 1 000 000): a background of 40 evenly spaced keys with 20 accesses each, plus a hotspot of 20
 * keys with 100 accesses each. The key sketches hold each accessed key once (the same distribution
 * over far fewer items): KLL then never compacts, which draws random coins, so the same load gives
 * the same sketches and a replay decides exactly what the original run did.
 */
final class SyntheticHeatmap {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final long DOMAIN = 1_000_000;

    /** A hotspot of 20 keys spread over [start, start + width). */
    record Hotspot(long start, long width) {}

    private SyntheticHeatmap() {}

    static Instant windowStart(int w) {
        return T0.plus(WINDOW.multipliedBy(w));
    }

    static Instant windowEnd(int w) {
        return windowStart(w + 1);
    }

    /** Window {@code w}'s cells, each partition named as under {@code map}; {@code hotspot} may be null. */
    static List<HeatmapCell> window(int w, PartitionMap map, Hotspot hotspot) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, KeySketch> sketches = new LinkedHashMap<>();
        List<long[]> accesses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            accesses.add(new long[] {i * (DOMAIN / 40) + DOMAIN / 80, 20});
        }
        if (hotspot != null) {
            for (int j = 0; j < 20; j++) {
                accesses.add(new long[] {hotspot.start() + j * (hotspot.width() / 20), 100});
            }
        }
        for (long[] a : accesses) {
            Partition p = map.partitionFor(Key.of(a[0]));
            counts.computeIfAbsent(p.partitionKey(), id -> new long[1])[0] += a[1];
            sketches.computeIfAbsent(p.partitionKey(), id -> KeySketch.create(KeyType.LONG)).update(Key.of(a[0]));
        }
        List<HeatmapCell> cells = new ArrayList<>();
        counts.forEach((id, c) -> cells.add(new HeatmapCell(windowStart(w), windowEnd(w), map.tableName(), id, c[0],
                c[0], 0, Map.of("status", c[0]), sketches.get(id).toBytes())));
        return cells;
    }
}
