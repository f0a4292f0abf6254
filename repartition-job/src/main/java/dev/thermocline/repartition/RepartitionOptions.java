package dev.thermocline.repartition;

import dev.thermocline.core.repartition.HeatSettings;
import dev.thermocline.core.repartition.PlannerSettings;
import dev.thermocline.flink.config.RepartitionConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The repartition job's tuning; {@link #defaults()} gives each default.
 *
 * @param interval the planning interval in event time (default 1 minute, the heatmap job's window): the
 *     engine observes one interval's cells at a time and may commit one revision per interval
 * @param maxOutOfOrderness streaming only: how far behind the newest window end a cell may arrive and still
 *     count in its own interval (default 1 minute); later cells count in the next interval to be planned
 * @param monitorInterval streaming only: how often the heatmap table is checked for new snapshots (default 10 s)
 * @param heat how per-partition heat is tracked ({@link HeatSettings#defaults()})
 * @param planner the planner's thresholds and bounds ({@link PlannerSettings#defaults()})
 * @param maxCommitAttempts how often one interval re-plans after losing a commit race (default 3)
 * @param maxIdleIntervals at most this many intervals without cells are observed between two with cells
 *     (default 64: by then the decayed heat is gone and further empty intervals change nothing)
 */
public record RepartitionOptions(
        Duration interval,
        Duration maxOutOfOrderness,
        Duration monitorInterval,
        HeatSettings heat,
        PlannerSettings planner,
        int maxCommitAttempts,
        int maxIdleIntervals)
        implements Serializable {

    public RepartitionOptions {
        positive("interval", interval);
        Objects.requireNonNull(maxOutOfOrderness, "maxOutOfOrderness is required.");
        if (maxOutOfOrderness.isNegative()) {
            throw new IllegalArgumentException("maxOutOfOrderness " + maxOutOfOrderness + " must not be negative");
        }
        positive("monitorInterval", monitorInterval);
        Objects.requireNonNull(heat, "heat settings are required.");
        Objects.requireNonNull(planner, "planner settings are required.");
        if (maxCommitAttempts < 1) {
            throw new IllegalArgumentException("maxCommitAttempts " + maxCommitAttempts + " must be at least 1");
        }
        if (maxIdleIntervals < 0) {
            throw new IllegalArgumentException("maxIdleIntervals " + maxIdleIntervals + " must not be negative");
        }
    }

    public static RepartitionOptions defaults() {
        return new RepartitionOptions(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(10),
                HeatSettings.defaults(), PlannerSettings.defaults(), 3, 64);
    }

    /** The defaults with the configured {@code repartition.*} options (interval and planner settings). */
    public static RepartitionOptions from(RepartitionConfig config) {
        return defaults().withInterval(config.interval()).withPlanner(config.planner());
    }

    public RepartitionOptions withInterval(Duration value) {
        return new RepartitionOptions(value, maxOutOfOrderness, monitorInterval, heat, planner, maxCommitAttempts, maxIdleIntervals);
    }

    public RepartitionOptions withMaxOutOfOrderness(Duration value) {
        return new RepartitionOptions(interval, value, monitorInterval, heat, planner, maxCommitAttempts, maxIdleIntervals);
    }

    public RepartitionOptions withMonitorInterval(Duration value) {
        return new RepartitionOptions(interval, maxOutOfOrderness, value, heat, planner, maxCommitAttempts, maxIdleIntervals);
    }

    public RepartitionOptions withHeat(HeatSettings value) {
        return new RepartitionOptions(interval, maxOutOfOrderness, monitorInterval, value, planner, maxCommitAttempts, maxIdleIntervals);
    }

    public RepartitionOptions withPlanner(PlannerSettings value) {
        return new RepartitionOptions(interval, maxOutOfOrderness, monitorInterval, heat, value, maxCommitAttempts, maxIdleIntervals);
    }

    public RepartitionOptions withMaxCommitAttempts(int value) {
        return new RepartitionOptions(interval, maxOutOfOrderness, monitorInterval, heat, planner, value, maxIdleIntervals);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name + " is required.");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " " + d + " must be positive");
        }
    }
}
