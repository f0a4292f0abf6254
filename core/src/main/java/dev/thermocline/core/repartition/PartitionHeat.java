package dev.thermocline.core.repartition;

import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.heat.KeySketchView;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What the engine knows about one partition's heat, updated once per interval: the decayed access
 * count, Holt's trend of the per-interval count, a key sketch of the last one to two epochs (two
 * sketches that rotate, so old accesses fall out without re-weighting), and when the partition was
 * last created or changed (for cool-downs).
 *
 * <p>Mutable, owned by one {@link RepartitionEngine}; readers get it through the engine and the
 * planner. Sketches inherited from a parent may hold keys outside this range: every question is
 * asked of the part inside {@link #partition()}'s range.
 */
public final class PartitionHeat implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** One source of a partition's inherited heat: {@code fraction} of {@code from}. */
    record Portion(PartitionHeat from, double fraction) {}

    private final Partition partition;
    private final long lastChangedInterval;
    private double heat;
    private HoltTrend trend;
    private double lastAccesses;
    private long observedIntervals;
    private KeySketch currentEpoch;
    private KeySketch previousEpoch;
    /**
     * The merged view of both epochs, until they change: KLL merges flip coins, so views built twice
     * differ slightly, and the shares handed to a split's parts must come from one view to add up to 1.
     */
    private transient KeySketchView mergedKeys;
    private int intervalsInEpoch;

    private PartitionHeat(Partition partition, long lastChangedInterval, KeySketch currentEpoch) {
        this.partition = Objects.requireNonNull(partition, "partition is required");
        this.lastChangedInterval = lastChangedInterval;
        this.trend = HoltTrend.start(0);
        this.currentEpoch = currentEpoch;
    }

    /** A partition with no history, created or changed at {@code interval}. */
    static PartitionHeat fresh(Partition partition, KeyType keyType, long interval) {
        return new PartitionHeat(partition, interval, KeySketch.create(keyType));
    }

    /**
     * A partition created at {@code interval} from parts of old ones (a split's half, a merge, a map
     * adopted from elsewhere): counts and trend add up by fraction, sketches merge whole.
     */
    static PartitionHeat inherit(Partition partition, KeyType keyType, long interval, List<Portion> portions) {
        PartitionHeat h = fresh(partition, keyType, interval);
        long observed = Long.MAX_VALUE;
        for (Portion p : portions) {
            double f = p.fraction();
            PartitionHeat from = p.from();
            h.heat += f * from.heat;
            h.trend = h.trend.plus(from.trend.scaled(f));
            h.lastAccesses += f * from.lastAccesses;
            observed = Math.min(observed, from.observedIntervals);
            h.currentEpoch.merge(from.currentEpoch);
            if (from.previousEpoch != null) {
                if (h.previousEpoch == null) {
                    h.previousEpoch = KeySketch.create(keyType);
                }
                h.previousEpoch.merge(from.previousEpoch);
            }
            h.intervalsInEpoch = Math.max(h.intervalsInEpoch, from.intervalsInEpoch);
        }
        h.observedIntervals = portions.isEmpty() ? 0 : observed;
        return h;
    }

    /** One interval's accesses (and their key sketch, if any) arrive. */
    void observe(double accesses, KeySketch sketch, HeatSettings settings) {
        if (observedIntervals == 0) {
            heat = accesses;
            trend = HoltTrend.start(accesses);
        } else {
            double keep = settings.decayPerInterval();
            heat = keep * heat + (1 - keep) * accesses;
            trend = trend.next(accesses, settings.holtAlpha(), settings.holtBeta());
        }
        lastAccesses = accesses;
        observedIntervals++;
        mergedKeys = null;
        if (sketch != null) {
            currentEpoch.merge(sketch);
        }
        if (++intervalsInEpoch >= settings.sketchEpochIntervals()) {
            previousEpoch = currentEpoch;
            currentEpoch = KeySketch.create(currentEpoch.keyType());
            intervalsInEpoch = 0;
        }
    }

    public Partition partition() {
        return partition;
    }

    public String partitionKey() {
        return partition.partitionKey();
    }

    /** Decayed accesses per interval (an exponentially weighted mean). */
    public double heat() {
        return heat;
    }

    /** Holt's forecast of accesses per interval {@code horizon} intervals ahead, at least 0. */
    public double forecast(int horizon) {
        return trend.forecast(horizon);
    }

    public HoltTrend trend() {
        return trend;
    }

    /** Accesses attributed in the last observed interval. */
    public double lastAccesses() {
        return lastAccesses;
    }

    public long observedIntervals() {
        return observedIntervals;
    }

    /** The interval in which this partition got its current range. */
    public long lastChangedInterval() {
        return lastChangedInterval;
    }

    /** The sketched keys of the last one to two epochs that lie in this partition's range. */
    public KeySketchView keys() {
        if (mergedKeys == null) {
            KeySketch all = currentEpoch.copy();
            if (previousEpoch != null) {
                all.merge(previousEpoch);
            }
            mergedKeys = all.view().within(partition.range());
        }
        return mergedKeys;
    }

    /** The share of this partition's sketched keys that lie in {@code range}; NaN without sketched keys. */
    double sketchShareIn(KeyRange range) {
        KeySketchView view = keys();
        long total = view.totalWeight();
        return total == 0 ? Double.NaN : (double) view.weightIn(range) / total;
    }

    @Override
    public String toString() {
        return "PartitionHeat[" + partition + " heat " + String.format("%.1f", heat) + ", level "
                + String.format("%.1f", trend.level()) + ", trend " + String.format("%+.1f", trend.trend())
                + ", changed @" + lastChangedInterval + "]";
    }
}
