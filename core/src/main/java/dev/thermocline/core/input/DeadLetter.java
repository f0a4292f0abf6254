package dev.thermocline.core.input;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * An input record that did not parse or validate: kept with its raw bytes and the reason, so
 * nothing is lost and nothing crashes a job.
 *
 * @param source where it came from (e.g. {@code kafka:orders-access/3@1042} or {@code file:x.jsonl:17})
 * @param reason a precise, human-readable reason
 * @param raw the record's bytes exactly as received
 * @param receivedAt when it was rejected
 */
public record DeadLetter(String source, String reason, byte[] raw, Instant receivedAt) {

    public DeadLetter {
        Objects.requireNonNull(reason, "reason is required");
        raw = raw == null ? new byte[0] : raw;
        source = source == null ? "" : source;
        Objects.requireNonNull(receivedAt, "receivedAt is required");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d
                && source.equals(d.source)
                && reason.equals(d.reason)
                && Arrays.equals(raw, d.raw)
                && receivedAt.equals(d.receivedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, reason, Arrays.hashCode(raw), receivedAt);
    }

    @Override
    public String toString() {
        return "DeadLetter[" + source + ": " + reason + ", " + raw.length + " bytes]";
    }
}
