package dev.thermocline.core.heat;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * One resolution of the heatmap: cells of {@code resolution} are kept until they are
 * {@code keepFor} old, then roll up into the next (coarser) tier or expire.
 *
 * @param resolution the cell width; whole milliseconds, positive
 * @param keepFor how long after its window ends a cell stays at this resolution
 */
public record ResolutionTier(Duration resolution, Duration keepFor) implements Serializable {

    public ResolutionTier {
        Objects.requireNonNull(resolution, "resolution tier: resolution is required");
        Objects.requireNonNull(keepFor, "resolution tier: keepFor is required");
        if (resolution.isNegative() || resolution.isZero() || resolution.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("resolution tier: resolution " + resolution
                    + " must be a positive whole number of milliseconds");
        }
        if (keepFor.compareTo(resolution) < 0) {
            throw new IllegalArgumentException("resolution tier " + resolution + ": keepFor " + keepFor
                    + " is shorter than the resolution");
        }
    }

    public static ResolutionTier of(Duration resolution, Duration keepFor) {
        return new ResolutionTier(resolution, keepFor);
    }

    long resolutionMillis() {
        return resolution.toMillis();
    }

    @Override
    public String toString() {
        return resolution + " for " + keepFor;
    }
}
