package dev.thermocline.changelog;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the changelog job.
 *
 * @param maxOutOfOrderness how far a change's timestamp may lag the newest one seen before it
 *     counts as late; the change log is reported complete only this far behind the newest change
 *     (so backups lag by it too)
 * @param idleness after this long without input a source split stops holding the watermark back
 * @param mapPollInterval how often running tasks look for a new partition-map revision
 */
public record ChangelogSettings(Duration maxOutOfOrderness, Duration idleness, Duration mapPollInterval) {

    public ChangelogSettings {
        requirePositive(maxOutOfOrderness, "maxOutOfOrderness");
        requirePositive(idleness, "idleness");
        requirePositive(mapPollInterval, "mapPollInterval");
    }

    /** 30 s out of order, 1 min idleness, a map poll every 10 s. */
    public static ChangelogSettings defaults() {
        return new ChangelogSettings(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(10));
    }

    public ChangelogSettings withMapPollInterval(Duration interval) {
        return new ChangelogSettings(maxOutOfOrderness, idleness, interval);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name + " is required.");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
