package dev.thermocline.restore;

import java.time.Duration;
import java.util.Locale;

/** Human-readable sizes and durations for explain and progress lines. */
public final class Sizes {

    private Sizes() {}

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    public static String duration(Duration d) {
        if (d == null) {
            return "?";
        }
        double s = d.toNanos() / 1e9;
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long total = Math.round(s);
        return total / 60 + " min " + total % 60 + " s";
    }
}
