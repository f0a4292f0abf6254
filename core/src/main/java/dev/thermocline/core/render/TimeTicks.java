package dev.thermocline.core.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Time-axis labels in UTC at round steps (1 s … 30 days, aligned to the epoch, so minutes fall on
 * :00 and days on midnight; weeks on Mondays): the time of day on the first line and the date on a second line where
 * the date changes.
 */
final class TimeTicks {

    /** A labelled instant; {@code date} is empty where the previous tick has the same date. */
    record Tick(Instant at, String time, String date) {}

    private static final long[] STEPS_SECONDS = {
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
        86400, 2 * 86400, 7 * 86400, 14 * 86400, 30 * 86400
    };
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy");

    private TimeTicks() {}

    static List<Tick> between(Instant from, Instant to, int maxTicks) {
        double span = TimeAxis.seconds(from, to);
        long step = STEPS_SECONDS[STEPS_SECONDS.length - 1];
        for (long s : STEPS_SECONDS) {
            if (span / s <= maxTicks) {
                step = s;
                break;
            }
        }
        while (span / step > maxTicks) {
            step *= 2;
        }
        boolean daily = step >= 86400;
        DateTimeFormatter timeFormat = daily ? DAY : step < 60 ? SECONDS : MINUTES;
        DateTimeFormatter dateFormat = daily ? YEAR : DATE;
        List<Tick> ticks = new ArrayList<>();
        String lastDate = "";
        long offset = step % (7 * 86400) == 0 ? 4 * 86400 : 0; // weeks start on Mondays (1970-01-05)
        long first = Math.floorDiv(from.getEpochSecond() - offset + step - 1, step) * step + offset;
        if (from.getNano() > 0 && first == from.getEpochSecond()) {
            first += step;
        }
        for (long s = first; s <= to.getEpochSecond(); s += step) {
            ZonedDateTime t = Instant.ofEpochSecond(s).atZone(ZoneOffset.UTC);
            String date = dateFormat.format(t);
            ticks.add(new Tick(t.toInstant(), timeFormat.format(t), date.equals(lastDate) ? "" : date));
            lastDate = date;
        }
        if (ticks.isEmpty()) {
            ZonedDateTime t = from.atZone(ZoneOffset.UTC);
            ticks.add(new Tick(from, SECONDS.format(t), DATE.format(t)));
        }
        return ticks;
    }
}
