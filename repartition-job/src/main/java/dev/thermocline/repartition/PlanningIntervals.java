package dev.thermocline.repartition;

import java.io.Serializable;
import java.time.Duration;

/**
 * The planning intervals in event time: {@code (end - length, end]} with ends at whole multiples of
 * the length since the epoch. A heatmap cell belongs to the interval its window ends in, so with
 * intervals that are a multiple of the heatmap window every window falls in exactly one interval.
 */
record PlanningIntervals(long lengthMillis) implements Serializable {

    PlanningIntervals {
        if (lengthMillis < 1) {
            throw new IllegalArgumentException("planning interval " + lengthMillis + " ms must be at least 1 ms");
        }
    }

    static PlanningIntervals of(Duration length) {
        return new PlanningIntervals(length.toMillis());
    }

    /** The end of the interval holding {@code millis}: the first multiple of the length at or after it. */
    long endOf(long millis) {
        return -Math.floorDiv(-millis, lengthMillis) * lengthMillis;
    }

    long next(long end) {
        return end + lengthMillis;
    }
}
