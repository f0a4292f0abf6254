package dev.thermocline.core.backup;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When a partition that already has a copy (same id, same range) needs a new one. Copies bound the
 * replay a restore needs, so the triggers all measure the replay that is building up:
 *
 * <ul>
 *   <li><b>volume</b>: at least {@code volumeThreshold} changes since the copy;
 *   <li><b>rate shift</b>: at least {@code minChangesForRateShift} changes since the copy and at
 *       least {@code rateShiftFactor} times as many as in the equally long window before it — a
 *       partition that turned hot gets a copy before the volume threshold, since its replay will
 *       grow fast (a falling rate is no reason: the replay grows slower);
 *   <li><b>age</b>: the copy is older than {@code maxAge} and at least one change came since (an
 *       unchanged partition's copy stays exact however old it is);
 * </ul>
 * plus, decided by the planner, a first copy, a changed layout, or a request by name.
 *
 * @param volumeThreshold changes since the copy that make it due; at least 1
 * @param rateShiftFactor how many times the previous window's count; above 1
 * @param minChangesForRateShift below this many changes a rate shift is noise
 * @param maxAge the oldest a copy of a changing partition may get
 */
public record DuePolicy(long volumeThreshold, double rateShiftFactor, long minChangesForRateShift, Duration maxAge) {

    public DuePolicy {
        if (volumeThreshold < 1) {
            throw new IllegalArgumentException("volume threshold must be at least 1, was " + volumeThreshold);
        }
        if (!(rateShiftFactor > 1)) {
            throw new IllegalArgumentException("rate shift factor must be above 1, was " + rateShiftFactor);
        }
        if (minChangesForRateShift < 1) {
            throw new IllegalArgumentException("minimum changes for a rate shift must be at least 1, was "
                    + minChangesForRateShift);
        }
        Objects.requireNonNull(maxAge, "maxAge is required");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("max age must be positive, was " + maxAge);
        }
    }

    /** 10 000 changes, 4x the previous window's rate (from 1 000 changes), or a day old. */
    public static DuePolicy defaults() {
        return new DuePolicy(10_000, 4.0, 1_000, Duration.ofDays(1));
    }

    /** The first trigger that fires, volume before rate shift before age; empty when none does. */
    public Optional<DueReason> due(PartitionActivity activity) {
        long changes = activity.changesSinceCopy();
        if (changes >= volumeThreshold) {
            return Optional.of(DueReason.VOLUME);
        }
        if (changes >= minChangesForRateShift && changes >= rateShiftFactor * activity.changesInPreviousWindow()) {
            return Optional.of(DueReason.RATE_SHIFT);
        }
        if (changes > 0 && activity.sinceCopy().compareTo(maxAge) >= 0) {
            return Optional.of(DueReason.AGE);
        }
        return Optional.empty();
    }
}
