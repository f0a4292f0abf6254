package dev.thermocline.core.repartition;

import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Heat states built directly: a partition that saw the same load for a few intervals. */
final class HeatStates {

    private HeatStates() {}

    /**
     * {@code perInterval} accesses for 5 intervals (so heat = level = perInterval, trend 0),
     * spread evenly over the partition's keys (or the 10 000 keys next to its bound when open-ended).
     * The sketch holds evenly spaced sample keys: only their ranks matter to the planner.
     */
    static PartitionHeat steady(Partition p, double perInterval, long changedAt) {
        PartitionHeat h = PartitionHeat.fresh(p, KeyType.LONG, changedAt);
        KeySketch sketch = perInterval > 0 ? sketchOver(p) : null;
        for (int i = 0; i < 5; i++) {
            h.observe(perInterval, sketch, HeatSettings.defaults());
        }
        return h;
    }

    static Map<String, PartitionHeat> steady(PartitionMap map, ToDoubleFunction<Partition> perInterval, long changedAt) {
        Map<String, PartitionHeat> out = new LinkedHashMap<>();
        for (Partition p : map.partitions()) {
            out.put(p.partitionKey(), steady(p, perInterval.applyAsDouble(p), changedAt));
        }
        return out;
    }

    private static KeySketch sketchOver(Partition p) {
        KeySketch sketch = KeySketch.create(KeyType.LONG);
        long lo = p.range().start() == null ? bound(p.range().end(), -10_000) : ((LongKey) p.range().start()).value();
        long hi = p.range().end() == null ? lo + 10_000 : ((LongKey) p.range().end()).value();
        int samples = (int) Math.min(64, Math.max(1, hi - lo));
        for (int i = 0; i < samples; i++) {
            sketch.update(Key.of(lo + (long) ((double) (hi - lo) * i / samples)));
        }
        return sketch;
    }

    private static long bound(Key end, long offset) {
        return end == null ? 0 : ((LongKey) end).value() + offset;
    }
}
