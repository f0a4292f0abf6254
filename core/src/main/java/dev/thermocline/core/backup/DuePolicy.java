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
 *   <li><b>restore cost</b>: the expected cost of restoring the partition, its heat (accesses per hour:
 *       how likely a restore is to ask for it) times its replay length (changes since the copy), is at
 *       least {@code restoreCostThreshold} — a hot partition gets a copy long before the volume
 *       threshold, a cold one is left to the other triggers;
 * </ul>
 * plus, decided by the planner, a first copy, a changed layout, or a request by name.
 *
 * @param volumeThreshold changes since the copy that make it due; at least 1
 * @param rateShiftFactor how many times the previous window's count; above 1
 * @param minChangesForRateShift below this many changes a rate shift is noise
 * @param maxAge the oldest a copy of a changing partition may get
 * @param restoreCostThreshold accesses per hour x changes since the copy that make it due; positive
 *     ({@code Double.POSITIVE_INFINITY} turns the trigger off)
 */
public record DuePolicy(long volumeThreshold, double rateShiftFactor, long minChangesForRateShift, Duration maxAge,
                        double restoreCostThreshold) {

    /** The default restore-cost threshold: 1 000 accesses an hour over 2 000 changes to replay. */
    public static final double DEFAULT_RESTORE_COST = 2_000_000;

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
        if (!(restoreCostThreshold > 0)) {
            throw new IllegalArgumentException("restore cost threshold must be positive, was " + restoreCostThreshold);
        }
    }

    /** Without the restore-cost trigger. */
    public DuePolicy(long volumeThreshold, double rateShiftFactor, long minChangesForRateShift, Duration maxAge) {
        this(volumeThreshold, rateShiftFactor, minChangesForRateShift, maxAge, Double.POSITIVE_INFINITY);
    }

    /** 10 000 changes, 4x the previous window's rate (from 1 000 changes), a day old, or a restore cost of 2 000 000. */
    public static DuePolicy defaults() {
        return new DuePolicy(10_000, 4.0, 1_000, Duration.ofDays(1), DEFAULT_RESTORE_COST);
    }

    /** The expected cost of restoring the partition now: its heat times the changes a restore would replay. */
    public static double expectedRestoreCost(PartitionActivity activity) {
        return activity.accessesPerHour() * activity.changesSinceCopy();
    }

    /** The first trigger that fires, volume before rate shift before restore cost before age; empty when none does. */
    public Optional<DueReason> due(PartitionActivity activity) {
        long changes = activity.changesSinceCopy();
        if (changes >= volumeThreshold) {
            return Optional.of(DueReason.VOLUME);
        }
        if (changes >= minChangesForRateShift && changes >= rateShiftFactor * activity.changesInPreviousWindow()) {
            return Optional.of(DueReason.RATE_SHIFT);
        }
        if (changes > 0 && expectedRestoreCost(activity) >= restoreCostThreshold) {
            return Optional.of(DueReason.RESTORE_COST);
        }
        if (changes > 0 && activity.sinceCopy().compareTo(maxAge) >= 0) {
            return Optional.of(DueReason.AGE);
        }
        return Optional.empty();
    }
}
