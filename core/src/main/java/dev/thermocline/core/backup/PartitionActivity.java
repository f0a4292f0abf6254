package dev.thermocline.core.backup;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a partition changed since its last copy, as the due policy sees it.
 *
 * @param changesSinceCopy changes with ts in (copy cutoff, new cutoff]
 * @param changesInPreviousWindow changes in the window of the same length just before the copy's cutoff
 * @param sinceCopy new cutoff minus the copy's cutoff
 */
public record PartitionActivity(long changesSinceCopy, long changesInPreviousWindow, Duration sinceCopy) {

    public PartitionActivity {
        if (changesSinceCopy < 0 || changesInPreviousWindow < 0) {
            throw new IllegalArgumentException("change counts must be >= 0, were " + changesSinceCopy + " and "
                    + changesInPreviousWindow);
        }
        Objects.requireNonNull(sinceCopy, "sinceCopy is required");
    }
}
