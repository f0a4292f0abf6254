package dev.thermocline.benchmarks;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;

/**
 * How well a layout served the accesses made under it: the share of accesses that fell in
 * partitions at most {@code target} keys wide (for each target), and the access-weighted mean
 * partition width (the keys a restore of an accessed key has to read). Open ends are clipped to
 * the workload's key domain.
 */
final class LayoutScore {

    private final long domainLow;
    private final long domainHigh;
    private final long[] targets;
    private final long[] inSmall;
    private double widthSum;
    private long accesses;

    LayoutScore(long domainLow, long domainHigh, long[] targets) {
        this.domainLow = domainLow;
        this.domainHigh = domainHigh;
        this.targets = targets.clone();
        this.inSmall = new long[targets.length];
    }

    void add(PartitionMap map, long[] keys) {
        for (long k : keys) {
            Partition p = map.partitionFor(Key.of(k));
            long width = width(p);
            for (int i = 0; i < targets.length; i++) {
                if (width <= targets[i]) {
                    inSmall[i]++;
                }
            }
            widthSum += width;
            accesses++;
        }
    }

    long width(Partition p) {
        long lo = p.range().start() == null ? domainLow : Math.max(domainLow, ((LongKey) p.range().start()).value());
        long hi = p.range().end() == null ? domainHigh : Math.min(domainHigh, ((LongKey) p.range().end()).value());
        return Math.max(1, hi - lo);
    }

    double shareInSmall(int target) {
        return accesses == 0 ? 0 : (double) inSmall[target] / accesses;
    }

    double meanWidth() {
        return accesses == 0 ? 0 : widthSum / accesses;
    }

    long[] targets() {
        return targets.clone();
    }
}
