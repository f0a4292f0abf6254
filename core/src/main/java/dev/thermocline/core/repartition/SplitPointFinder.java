package dev.thermocline.core.repartition;

import dev.thermocline.core.heat.KeySketchView;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.key.StringKey;
import dev.thermocline.core.partition.KeyRange;
import java.util.Optional;

/**
 * Where to cut a hot partition, from the key sketch of its accesses. Cuts are tried just before
 * and just after sketched keys, so a single very hot key can end up alone. Long keys keep every
 * part at least {@code minKeyWidth} keys wide by moving the cut inwards; string keys have no width,
 * and a cut that does not lie strictly inside the range (quantiles collapsed onto its start) is no
 * cut. See {@link SplitRule} for the two ways of choosing among the cuts.
 */
final class SplitPointFinder {

    /** A cut at {@code key}: {@code [start, key)} takes {@code leftShare} of the partition's sketched heat. */
    record SplitPoint(Key key, double leftShare) {}

    private final KeyRange range;
    private final KeySketchView keys;
    private final long minKeyWidth;
    private final long total;

    private SplitPointFinder(KeyRange range, KeySketchView keys, long minKeyWidth) {
        this.range = range;
        this.keys = keys;
        this.minKeyWidth = minKeyWidth;
        this.total = keys.totalWeight();
    }

    /** The best cut of {@code range} by {@code rule}; {@code keys} are the sketched accesses inside it. */
    static Optional<SplitPoint> find(SplitRule rule, KeyRange range, KeySketchView keys, long minKeyWidth) {
        SplitPointFinder f = new SplitPointFinder(range, keys, minKeyWidth);
        if (f.total == 0) {
            return f.midpoint();
        }
        return rule == SplitRule.ISOLATE_HEAT && keys.keyType() == KeyType.LONG ? f.leastWeightedWidth() : f.balanced();
    }

    /** Just before or just after the median key, whichever balances better (ties: the narrower heavy part). */
    private Optional<SplitPoint> balanced() {
        int median = 0;
        while (keys.cumulativeWeight(median) * 2 < total) {
            median++;
        }
        Best best = new Best();
        consider(best, keys.key(median), false);
        if (keys.keyType() == KeyType.LONG) {
            long v = ((LongKey) keys.key(median)).value();
            if (v != Long.MAX_VALUE) {
                consider(best, Key.of(v + 1), false);
            }
        } else {
            consider(best, median + 1 < keys.size()
                    ? keys.key(median + 1)
                    : Key.of(((StringKey) keys.key(median)).value() + "\u0000"), false);
        }
        return best.point();
    }

    /** The cut with the least Σ heat × width over the two parts (ties: the better balance). */
    private Optional<SplitPoint> leastWeightedWidth() {
        Best best = new Best();
        for (int i = 0; i < keys.size(); i++) {
            long v = ((LongKey) keys.key(i)).value();
            consider(best, keys.key(i), true);
            if (v != Long.MAX_VALUE) {
                consider(best, Key.of(v + 1), true);
            }
        }
        return best.point();
    }

    private final class Best {
        SplitPoint point;
        double cost = Double.POSITIVE_INFINITY;
        double balance = -1;
        double heavyWidth = Double.POSITIVE_INFINITY;

        Optional<SplitPoint> point() {
            return Optional.ofNullable(point);
        }
    }

    /** Offers the cut at {@code candidate} (moved inwards to respect the minimum width) to {@code best}. */
    private void consider(Best best, Key candidate, boolean byWeightedWidth) {
        Key cut = candidate instanceof LongKey l ? clamp(l).orElse(null) : candidate;
        if (cut == null || !range.canSplitAt(cut)) {
            return;
        }
        long left = keys.weightBelow(cut);
        double balance = Math.min(left, total - left) / (double) total;
        double cost = byWeightedWidth ? left * observedWidth(null, cut) + (total - left) * observedWidth(cut, null) : 0;
        double heavyWidth = left * 2 >= total ? width(range.start(), cut) : width(cut, range.end());
        boolean better = cost < best.cost - 1e-9 * Math.abs(best.cost)
                || (cost <= best.cost + 1e-9 * Math.abs(best.cost)
                        && (balance > best.balance + 1e-9
                                || (Math.abs(balance - best.balance) <= 1e-9 && heavyWidth < best.heavyWidth)));
        if (better) {
            best.point = new SplitPoint(cut, (double) left / total);
            best.cost = cost;
            best.balance = balance;
            best.heavyWidth = heavyWidth;
        }
    }

    /** Without sketched keys, a bounded long range is cut in the middle; anything else is not cut. */
    private Optional<SplitPoint> midpoint() {
        if (!(range.start() instanceof LongKey start) || !(range.end() instanceof LongKey end)) {
            return Optional.empty();
        }
        long mid = start.value() + (long) Math.floor(((double) end.value() - start.value()) / 2);
        return clamp(new LongKey(mid)).filter(range::canSplitAt).map(k -> new SplitPoint(k, 0.5));
    }

    /** The cut moved into [start + minWidth, end - minWidth]; empty when that interval is empty. */
    private Optional<Key> clamp(LongKey cut) {
        long lowest = range.start() == null ? Long.MIN_VALUE + 1 : saturatedAdd(((LongKey) range.start()).value(), minKeyWidth);
        long highest = range.end() == null ? Long.MAX_VALUE : saturatedAdd(((LongKey) range.end()).value(), -minKeyWidth);
        if (lowest > highest) {
            return Optional.empty();
        }
        return Optional.of(Key.of(Math.max(lowest, Math.min(highest, cut.value()))));
    }

    /**
     * Width of the part [from, to) of the range (null = the range's own end); an open end stops at
     * the outermost sketched key, so open-ended partitions compare by the keys actually used.
     */
    private double observedWidth(Key from, Key to) {
        long lo = from != null ? ((LongKey) from).value()
                : range.start() != null ? ((LongKey) range.start()).value()
                : Math.min(((LongKey) keys.key(0)).value(), ((LongKey) to).value());
        long hi = to != null ? ((LongKey) to).value()
                : range.end() != null ? ((LongKey) range.end()).value()
                : Math.max(saturatedAdd(((LongKey) keys.key(keys.size() - 1)).value(), 1), lo);
        return (double) hi - lo;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return r;
    }

    /** Keys in [from, to) as a double; infinite when open-ended, 0 for string keys (they have no width). */
    private static double width(Key from, Key to) {
        if (from == null || to == null) {
            return Double.POSITIVE_INFINITY;
        }
        if (from instanceof LongKey a && to instanceof LongKey b) {
            return (double) b.value() - a.value();
        }
        return 0;
    }
}
