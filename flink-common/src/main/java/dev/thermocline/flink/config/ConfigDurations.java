package dev.thermocline.flink.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in configuration: a whole number and a unit ({@code 500ms},
 * {@code 30s}, {@code 1m}, {@code 2h}, {@code 4d}; {@code m} is minutes) or ISO-8601 ({@code PT1M}).
 * A bare number is refused: seconds or milliseconds would be a guess.
 */
public final class ConfigDurations {

    /** How the accepted forms are described in error messages. */
    public static final String FORMS = "a duration such as 500ms, 30s, 1m, 2h, 4d or ISO-8601 PT1M";

    private static final Pattern AMOUNT_UNIT = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|min|h|d)");

    private ConfigDurations() {}

    /** The duration {@code text} names; an {@link IllegalArgumentException} saying which forms work otherwise. */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p") || t.startsWith("-p")) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("is not " + FORMS);
            }
        }
        Matcher m = AMOUNT_UNIT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("is not " + FORMS);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The shortest text {@link #parse} reads back as {@code d} (whole milliseconds): {@code 90s}, {@code 2m}, {@code 28d}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms != 0 && ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
