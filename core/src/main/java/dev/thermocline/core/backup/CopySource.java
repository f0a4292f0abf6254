package dev.thermocline.core.backup;

import dev.thermocline.core.partition.KeyRange;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One piece of a new copy: the keys of {@code range} are the rows of {@code base} in that range
 * plus the changes after the base's cutoff; without a base, every change from the start.
 *
 * @param range the keys this piece covers (inside the new copy's partition)
 * @param base the previous copy the keys come from; null when no copy covered them
 */
public record CopySource(KeyRange range, BackupCopy base) implements Serializable {

    public CopySource {
        Objects.requireNonNull(range, "range is required");
    }

    /** Changes strictly after this instant are replayed; null = all of them. */
    public Instant after() {
        return base == null ? null : base.cutoffTs();
    }
}
