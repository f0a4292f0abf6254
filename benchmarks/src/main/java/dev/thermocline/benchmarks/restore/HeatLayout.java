package dev.thermocline.benchmarks.restore;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An adaptive layout as the repartition engine converges to it — hot ranges narrow, cold ranges
 * wide — computed directly from a heat histogram: boundaries at equal-heat quantiles, with a
 * minimum width, so each partition carries about the same heat. (The repartition job reaches such
 * a layout over several rounds; the benchmark needs only its end state.)
 */
final class HeatLayout {

    private HeatLayout() {}

    /**
     * @param heat per bucket of {@code bucketWidth} keys from {@code low}
     * @param partitions how many partitions to aim for
     * @param minWidth no partition narrower than this many keys
     * @param firstOrdinal ids start at {@code p<firstOrdinal>} (fresh ids: the previous ones retire)
     */
    static PartitionMap of(String table, long revision, Instant validFrom, long[] heat, long low, long bucketWidth,
                           int partitions, long minWidth, long firstOrdinal) {
        long total = 0;
        for (long h : heat) {
            total += h;
        }
        double share = (double) total / partitions;
        List<Long> boundaries = new ArrayList<>();
        double acc = 0;
        long lastBoundary = Long.MIN_VALUE;
        for (int b = 0; b < heat.length; b++) {
            acc += heat[b];
            long end = low + (b + 1) * bucketWidth;
            if (acc >= share && b < heat.length - 1 && (lastBoundary == Long.MIN_VALUE || end - lastBoundary >= minWidth)) {
                boundaries.add(end);
                lastBoundary = end;
                acc = 0;
            }
        }
        List<Partition> ps = new ArrayList<>();
        Key start = null;
        long ordinal = firstOrdinal;
        for (int i = 0; i <= boundaries.size(); i++) {
            Key end = i < boundaries.size() ? Key.of(boundaries.get(i)) : null;
            ps.add(new Partition(PartitionMap.partitionId(ordinal++), new KeyRange(start, end)));
            start = end;
        }
        return new PartitionMap(table, KeyType.LONG, revision, validFrom, "heat-balanced (benchmark)", ps, ordinal);
    }
}
