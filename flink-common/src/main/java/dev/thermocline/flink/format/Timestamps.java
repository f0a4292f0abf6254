package dev.thermocline.flink.format;

import java.time.DateTimeException;
import java.time.Instant;

/** Event-time parsing shared by the parsers: ISO-8601 instants and epoch milliseconds, years 1–9999. */
final class Timestamps {

    static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final long MIN_MILLIS = MIN.toEpochMilli();
    private static final long MAX_MILLIS = MAX.toEpochMilli(); // 23:59:59.999: every millisecond up to MAX

    private Timestamps() {}

    /** An ISO-8601 instant with {@code Z} or an offset, e.g. {@code 2026-11-24T10:31:07.123Z}. */
    static Instant parseIso(String field, String text) throws RejectedInput {
        Instant t;
        try {
            t = Instant.parse(text.trim());
        } catch (DateTimeException e) {
            throw new RejectedInput(field + " " + JsonReasons.quote(text)
                    + " is not an ISO-8601 instant (e.g. 2026-11-24T10:31:07.123Z) or epoch milliseconds");
        }
        return inRange(field, t, text);
    }

    static Instant ofEpochMillis(String field, long millis) throws RejectedInput {
        if (millis < MIN_MILLIS || millis > MAX_MILLIS) {
            // the text only for a reject: printing every timestamp cost ~3% of the heatmap job's CPU
            throw new RejectedInput(field + " " + JsonReasons.quote(Long.toString(millis)) + " is outside years 1-9999");
        }
        return Instant.ofEpochMilli(millis);
    }

    private static Instant inRange(String field, Instant t, String text) throws RejectedInput {
        if (t.isBefore(MIN) || t.isAfter(MAX)) {
            throw new RejectedInput(field + " " + JsonReasons.quote(text) + " is outside years 1-9999");
        }
        return t;
    }
}
