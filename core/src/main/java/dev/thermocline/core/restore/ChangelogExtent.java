package dev.thermocline.core.restore;

import java.io.Serializable;
import java.time.Instant;

/**
 * How far back a table's change log reaches, from its metadata.
 *
 * @param firstChange the earliest change timestamp of the table; null when no change is captured
 * @param retainedFrom changes before this instant may have been removed (retention); null when the
 *     log is complete from its first change
 */
public record ChangelogExtent(Instant firstChange, Instant retainedFrom) implements Serializable {

    /** A log that is complete from its first change. */
    public static ChangelogExtent from(Instant firstChange) {
        return new ChangelogExtent(firstChange, null);
    }

    public boolean isEmpty() {
        return firstChange == null;
    }
}
