package dev.thermocline.core.backup;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A backup's cutoff: a copy must hold exactly the changes with {@code ts <= cutoff}, so no change at
 * or before the cutoff may still be on its way into the change log. The change log reports how far
 * it is complete (the changelog job's watermark at its last committed checkpoint); the cutoff is
 * that, or now if earlier (a bounded backfill completes the log "forever"), or a requested instant
 * no later than either.
 */
public final class CutoffRule {

    private CutoffRule() {}

    /**
     * @param requested an explicit cutoff, e.g. {@code --cutoff}
     * @param completeThrough the instant through which the change log is complete; empty when unknown
     * @throws IllegalStateException when nothing is known to be complete
     * @throws IllegalArgumentException when {@code requested} is later than the log is complete or than now
     */
    public static Instant choose(Optional<Instant> requested, Optional<Instant> completeThrough, Instant now) {
        Objects.requireNonNull(now, "now is required");
        Instant complete = completeThrough.orElseThrow(() -> new IllegalStateException(
                "the change log reports no completed progress yet, so no cutoff is safe: "
                        + "run the changelog job until it has committed a checkpoint"));
        Instant bound = complete.isBefore(now) ? complete : now;
        if (requested.isEmpty()) {
            return bound;
        }
        Instant cutoff = requested.get();
        if (cutoff.isAfter(complete)) {
            throw new IllegalArgumentException("cutoff " + cutoff + " is after " + complete
                    + ", through which the change log is complete; changes at or before the cutoff may still arrive");
        }
        if (cutoff.isAfter(now)) {
            throw new IllegalArgumentException("cutoff " + cutoff + " is in the future (now is " + now + ")");
        }
        return cutoff;
    }
}
