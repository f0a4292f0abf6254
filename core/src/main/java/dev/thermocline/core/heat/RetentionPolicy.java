package dev.thermocline.core.heat;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How long the heatmap keeps each resolution, finest first. The default is the shape of Spanner's
 * Key Visualizer: 1-minute cells for 6 hours, 10-minute cells for 4 days, 1-hour cells for 28 days,
 * then nothing.
 *
 * <p>Buckets are aligned to the epoch, each resolution a multiple of the one before, so every
 * coarse bucket is a whole number of finer ones and a fine cell lies inside exactly one bucket of
 * every tier.
 */
public record RetentionPolicy(List<ResolutionTier> tiers) implements Serializable {

    public static final RetentionPolicy KEY_VISUALIZER = new RetentionPolicy(List.of(
            ResolutionTier.of(Duration.ofMinutes(1), Duration.ofHours(6)),
            ResolutionTier.of(Duration.ofMinutes(10), Duration.ofDays(4)),
            ResolutionTier.of(Duration.ofHours(1), Duration.ofDays(28))));

    public RetentionPolicy {
        tiers = List.copyOf(Objects.requireNonNull(tiers, "retention policy: tiers are required"));
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("retention policy needs at least one resolution tier");
        }
        for (int i = 1; i < tiers.size(); i++) {
            ResolutionTier finer = tiers.get(i - 1);
            ResolutionTier coarser = tiers.get(i);
            if (coarser.resolutionMillis() <= finer.resolutionMillis()
                    || coarser.resolutionMillis() % finer.resolutionMillis() != 0) {
                throw new IllegalArgumentException("retention policy: resolution " + coarser.resolution()
                        + " is not a coarser multiple of " + finer.resolution());
            }
            if (coarser.keepFor().compareTo(finer.keepFor()) <= 0) {
                throw new IllegalArgumentException("retention policy: tier " + coarser + " must be kept longer than tier "
                        + finer);
            }
        }
    }

    /** The finest resolution: the heatmap job's window must divide it. */
    public Duration finest() {
        return tiers.get(0).resolution();
    }

    /** The oldest data kept at all: cells whose bucket of the last tier ended before {@code now - keepFor} expire. */
    public Duration horizon() {
        return tiers.get(tiers.size() - 1).keepFor();
    }

    /**
     * The bucket a cell {@code [start, end)} belongs in at {@code now}, or empty when it has expired.
     * Tier i takes the buckets that ended at least tier i-1's keepFor ago (tier 0: any ended bucket);
     * the cell goes to the coarsest tier that takes its bucket. A cell is never split: a tier whose
     * bucket cannot hold it whole is skipped, and a cell no tier can hold stays as it is. It expires
     * once its bucket ended more than the last tier's keepFor ago.
     */
    public Optional<Bucket> bucketFor(Instant start, Instant end, Instant now) {
        long s = start.toEpochMilli();
        long e = end.toEpochMilli();
        long nowMillis = now.toEpochMilli();
        Bucket chosen = new Bucket(s, e);
        long olderThan = 0;
        for (ResolutionTier tier : tiers) {
            long r = tier.resolutionMillis();
            long bucketStart = Math.floorDiv(s, r) * r;
            long bucketEnd = bucketStart + r;
            if (bucketEnd > nowMillis - olderThan) {
                break; // coarser tiers have later bucket ends and longer ages: none takes it either
            }
            if (e <= bucketEnd) {
                chosen = new Bucket(bucketStart, bucketEnd);
            }
            olderThan = tier.keepFor().toMillis();
        }
        if (chosen.endMillis() <= nowMillis - horizon().toMillis()) {
            return Optional.empty();
        }
        return Optional.of(chosen);
    }

    /** An epoch-aligned bucket [{@code startMillis}, {@code endMillis}). */
    public record Bucket(long startMillis, long endMillis) {
        public Instant start() {
            return Instant.ofEpochMilli(startMillis);
        }

        public Instant end() {
            return Instant.ofEpochMilli(endMillis);
        }
    }
}
