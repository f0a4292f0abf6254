package dev.thermocline.core.repartition;

import java.io.Serializable;

/**
 * Holt's linear trend (double exponential smoothing) of a per-interval count:
 * {@code level' = α·x + (1-α)(level + trend)}, {@code trend' = β(level' - level) + (1-β)·trend},
 * forecast {@code h} intervals ahead {@code = level + h·trend} (never below 0).
 *
 * @param level smoothed count per interval
 * @param trend smoothed change of the level per interval
 */
public record HoltTrend(double level, double trend) implements Serializable {

    /** The state after the first observation: the level is the observation, no trend yet. */
    public static HoltTrend start(double firstObservation) {
        return new HoltTrend(firstObservation, 0);
    }

    public HoltTrend next(double observation, double alpha, double beta) {
        double nextLevel = alpha * observation + (1 - alpha) * (level + trend);
        double nextTrend = beta * (nextLevel - level) + (1 - beta) * trend;
        return new HoltTrend(nextLevel, nextTrend);
    }

    public double forecast(int horizon) {
        return Math.max(0, level + horizon * trend);
    }

    /** This state scaled by {@code factor}: the share a part of a partition inherits. */
    public HoltTrend scaled(double factor) {
        return new HoltTrend(level * factor, trend * factor);
    }

    public HoltTrend plus(HoltTrend other) {
        return new HoltTrend(level + other.level, trend + other.trend);
    }
}
