package dev.thermocline.core.restore;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads a point in time as the command line and the access log write it: an ISO-8601 instant
 * ({@code 2026-11-24T10:31:07.123Z}, or with an offset such as {@code +01:00}) or epoch milliseconds.
 */
public final class InstantParser {

    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d+");
    private static final Pattern ISO_DATE_TIME_START = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T.*");

    private InstantParser() {}

    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("time is missing: expected an ISO-8601 instant or epoch milliseconds");
        }
        String t = text.trim();
        if (EPOCH_MILLIS.matcher(t).matches()) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(t));
            } catch (NumberFormatException | DateTimeException e) {
                throw new IllegalArgumentException("time '" + text + "' is out of range for epoch milliseconds");
            }
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException ignored) {
            // not the Z form; try an explicit offset next
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + text + "' is neither an ISO-8601 instant "
                    + "(e.g. 2026-11-24T10:31:07.123Z or 2026-11-24T11:31:07+01:00) nor epoch milliseconds");
        }
    }

    /** True when the text is evidently meant as a time (digits only, or starting like an ISO date-time). */
    static boolean looksLikeTime(String text) {
        String t = text.trim();
        return EPOCH_MILLIS.matcher(t).matches() || ISO_DATE_TIME_START.matcher(t).matches();
    }
}
