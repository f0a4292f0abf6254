package dev.thermocline.core.repartition;

import java.io.Serializable;

/**
 * How per-partition heat is tracked across intervals. Build with {@link #builder()}; {@link
 * #defaults()} documents the defaults.
 *
 * @param halfLifeIntervals after this many intervals an access counts half in the decayed heat (default 3)
 * @param holtAlpha Holt's level smoothing in (0, 1] (default 0.5)
 * @param holtBeta Holt's trend smoothing in (0, 1] (default 0.3)
 * @param sketchEpochIntervals the key sketch covers the last one to two epochs of this many intervals (default 4)
 * @param warmupIntervals no plan before this many intervals were observed, so the trend has settled (default 3)
 */
public record HeatSettings(
        double halfLifeIntervals, double holtAlpha, double holtBeta, int sketchEpochIntervals, int warmupIntervals)
        implements Serializable {

    public HeatSettings {
        if (!(halfLifeIntervals > 0) || Double.isInfinite(halfLifeIntervals)) {
            throw new IllegalArgumentException("heat half-life " + halfLifeIntervals + " must be a positive number of intervals");
        }
        if (!(holtAlpha > 0 && holtAlpha <= 1)) {
            throw new IllegalArgumentException("Holt alpha " + holtAlpha + " must be in (0, 1]");
        }
        if (!(holtBeta > 0 && holtBeta <= 1)) {
            throw new IllegalArgumentException("Holt beta " + holtBeta + " must be in (0, 1]");
        }
        if (sketchEpochIntervals < 1) {
            throw new IllegalArgumentException("sketch epoch " + sketchEpochIntervals + " must be at least 1 interval");
        }
        if (warmupIntervals < 1) {
            throw new IllegalArgumentException("warm-up " + warmupIntervals + " must be at least 1 interval");
        }
    }

    public static HeatSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().halfLifeIntervals(halfLifeIntervals).holt(holtAlpha, holtBeta)
                .sketchEpochIntervals(sketchEpochIntervals).warmupIntervals(warmupIntervals);
    }

    /** The factor an interval's decayed heat keeps: 2^(-1 / half-life). */
    public double decayPerInterval() {
        return Math.pow(2, -1 / halfLifeIntervals);
    }

    public static final class Builder {
        private double halfLifeIntervals = 3;
        private double holtAlpha = 0.5;
        private double holtBeta = 0.3;
        private int sketchEpochIntervals = 4;
        private int warmupIntervals = 3;

        private Builder() {}

        public Builder halfLifeIntervals(double v) {
            halfLifeIntervals = v;
            return this;
        }

        public Builder holt(double alpha, double beta) {
            holtAlpha = alpha;
            holtBeta = beta;
            return this;
        }

        public Builder sketchEpochIntervals(int v) {
            sketchEpochIntervals = v;
            return this;
        }

        public Builder warmupIntervals(int v) {
            warmupIntervals = v;
            return this;
        }

        public HeatSettings build() {
            return new HeatSettings(halfLifeIntervals, holtAlpha, holtBeta, sketchEpochIntervals, warmupIntervals);
        }
    }
}
