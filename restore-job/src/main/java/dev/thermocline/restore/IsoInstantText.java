package dev.thermocline.restore;

import java.time.Instant;

/**
 * Appends an {@link Instant} exactly as {@link Instant#toString()} prints it (ISO-8601 in UTC,
 * the fraction in groups of three digits, none when zero) without the formatter's per-call
 * objects: the restored rows' {@code ts} field is written once per row, and
 * {@code DateTimeFormatter} was a visible share of writing them. Years outside 0000–9999 (which
 * {@code toString} writes with a sign) take the slow path.
 */
final class IsoInstantText {

    private static final long SECONDS_PER_DAY = 86_400;
    private static final long DAYS_0000_TO_1970 = 719_468; // days from 0000-03-01 to 1970-01-01
    private static final long DAYS_PER_ERA = 146_097;

    /** The most bytes {@link #write} writes for any instant ({@code toString}'s longest form). */
    static final int MAX_LENGTH = 40;

    private IsoInstantText() {}

    /** Writes {@code t} as ASCII into {@code out} from {@code at}; returns the position after it. */
    static int write(Instant t, byte[] out, int at) {
        long seconds = t.getEpochSecond();
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        // civil-from-days (H. Hinnant): the proleptic Gregorian date of a day count, eras of 400 years
        long z = days + DAYS_0000_TO_1970;
        long era = Math.floorDiv(z, DAYS_PER_ERA);
        long dayOfEra = z - era * DAYS_PER_ERA;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            return ascii(t.toString(), out, at);
        }
        at = digits(year, 4, out, at);
        out[at++] = '-';
        at = digits(month, 2, out, at);
        out[at++] = '-';
        at = digits(day, 2, out, at);
        out[at++] = 'T';
        at = digits(secondOfDay / 3600, 2, out, at);
        out[at++] = ':';
        at = digits(secondOfDay / 60 % 60, 2, out, at);
        out[at++] = ':';
        at = digits(secondOfDay % 60, 2, out, at);
        int nano = t.getNano();
        if (nano != 0) {
            out[at++] = '.';
            if (nano % 1_000_000 == 0) {
                at = digits(nano / 1_000_000, 3, out, at);
            } else if (nano % 1000 == 0) {
                at = digits(nano / 1000, 6, out, at);
            } else {
                at = digits(nano, 9, out, at);
            }
        }
        out[at++] = 'Z';
        return at;
    }

    private static int digits(long value, int width, byte[] out, int at) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    private static int ascii(String s, byte[] out, int at) {
        for (int i = 0; i < s.length(); i++) {
            out[at++] = (byte) s.charAt(i);
        }
        return at;
    }
}
