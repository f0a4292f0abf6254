package dev.thermocline.core.backup;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a partition changed since its last copy, as the due policy sees it.
 *
 * @param changesSinceCopy changes with ts in (copy cutoff, new cutoff]
 * @param changesInPreviousWindow changes in the window of the same length just before the copy's cutoff
 * @param sinceCopy new cutoff minus the copy's cutoff
 * @param accessesPerHour the partition's recent heat (from the heatmap), how likely a restore is to ask for it
 */
public record PartitionActivity(long changesSinceCopy, long changesInPreviousWindow, Duration sinceCopy,
                                double accessesPerHour) {

    public PartitionActivity {
        if (changesSinceCopy < 0 || changesInPreviousWindow < 0) {
            throw new IllegalArgumentException("change counts must be >= 0, were " + changesSinceCopy + " and "
                    + changesInPreviousWindow);
        }
        Objects.requireNonNull(sinceCopy, "sinceCopy is required");
        if (!(accessesPerHour >= 0) || Double.isInfinite(accessesPerHour)) {
            throw new IllegalArgumentException("accesses per hour must be finite and >= 0, was " + accessesPerHour);
        }
    }

    /** Without heat (no heatmap, or not read). */
    public PartitionActivity(long changesSinceCopy, long changesInPreviousWindow, Duration sinceCopy) {
        this(changesSinceCopy, changesInPreviousWindow, sinceCopy, 0);
    }
}
