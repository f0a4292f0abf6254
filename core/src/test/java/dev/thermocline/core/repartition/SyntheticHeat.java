package dev.thermocline.core.repartition;

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
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;

/**
 * Synthetic access loads over long keys, and the heatmap cells (with key sketches) a heatmap job
 * would write for one interval under a given map. Seeded: the same load gives the same cells.
 */
final class SyntheticHeat {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final Duration INTERVAL = Duration.ofMinutes(1);

    /** The accesses of one interval: each call emits keys. */
    @FunctionalInterface
    interface Load {
        void emit(long interval, Random rnd, Consumer<Key> out);

        default Load plus(Load other) {
            return (t, rnd, out) -> {
                emit(t, rnd, out);
                other.emit(t, rnd, out);
            };
        }

        /** This load before {@code interval}, {@code next} from then on. */
        default Load until(long interval, Load next) {
            return (t, rnd, out) -> (t < interval ? this : next).emit(t, rnd, out);
        }
    }

    private SyntheticHeat() {}

    /** About {@code perInterval} accesses (Poisson noise) spread evenly over [low, high). */
    static Load uniform(long low, long high, double perInterval) {
        return (t, rnd, out) -> {
            long n = poisson(rnd, perInterval);
            for (long i = 0; i < n; i++) {
                out.accept(Key.of(low + (long) (rnd.nextDouble() * (high - low))));
            }
        };
    }

    /** About {@code perInterval} accesses spread evenly over [start, start + width). */
    static Load hotspot(long start, long width, double perInterval) {
        return uniform(start, start + width, perInterval);
    }

    /** A hotspot whose rate per interval is {@code rate(t)}. */
    static Load varying(long start, long width, LongUnaryOperator rate) {
        return (t, rnd, out) -> uniform(start, start + width, rate.applyAsLong(t)).emit(t, rnd, out);
    }

    /** The cells of interval {@code t}: one per partition that was accessed, with a key sketch. */
    static List<HeatmapCell> cells(PartitionMap map, Load load, long t, Random rnd) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, KeySketch> sketches = new LinkedHashMap<>();
        load.emit(t, rnd, key -> {
            Partition p = map.partitionFor(key);
            counts.computeIfAbsent(p.partitionKey(), id -> new long[1])[0]++;
            sketches.computeIfAbsent(p.partitionKey(), id -> KeySketch.create(KeyType.LONG)).update(key);
        });
        Instant start = T0.plus(INTERVAL.multipliedBy(t));
        List<HeatmapCell> cells = new ArrayList<>();
        counts.forEach((id, c) -> cells.add(new HeatmapCell(start, start.plus(INTERVAL), map.tableName(), id, c[0],
                c[0], 0, Map.of(), sketches.get(id).toBytes())));
        return cells;
    }

    static Instant timeOf(long t) {
        return T0.plus(INTERVAL.multipliedBy(t + 1));
    }

    private static long poisson(Random rnd, double mean) {
        if (mean <= 0) {
            return 0;
        }
        // normal approximation: the loads here are hundreds of accesses and more
        return Math.max(0, Math.round(mean + Math.sqrt(mean) * rnd.nextGaussian()));
    }
}
