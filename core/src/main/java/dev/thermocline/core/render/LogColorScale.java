package dev.thermocline.core.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Colours by access count on a log scale: {@code log(1 + v) / log(1 + max)} picks one of 256
 * colours of the "inferno" ramp, from near-black (no accesses) through purple and red to pale
 * yellow (the hottest cell). A sequential ramp whose brightness rises monotonically reads the same
 * in grey print and for colour-blind viewers.
 */
public final class LogColorScale {

    public static final int COLORS = 256;

    /** Grey: a column no heatmap cell covers, which is unknown rather than cold. */
    public static final int NO_DATA = 0xB4B4B4;

    /** Matplotlib's inferno ramp sampled at 0, 0.1, …, 1; interpolated linearly in between. */
    private static final int[] ANCHORS = {
        0x000004, 0x160B39, 0x420A68, 0x6A176E, 0x932667, 0xBC3754, 0xDD513A, 0xF37819, 0xFCA50A, 0xF6D746, 0xFCFFA4
    };

    private static final int[] PALETTE = palette();

    private final double max;

    /** @param max the largest value drawn; 0 draws everything in the coldest colour */
    public LogColorScale(double max) {
        if (!(max >= 0) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("colour scale max " + max + " must be finite and not negative");
        }
        this.max = max;
    }

    public double max() {
        return max;
    }

    /** Where {@code value} lies on the scale, in [0, 1]. */
    public double fraction(double value) {
        if (max <= 0 || value <= 0) {
            return 0;
        }
        return Math.min(1, Math.log1p(value) / Math.log1p(max));
    }

    /** The palette index of {@code value}. */
    public int index(double value) {
        return (int) Math.round(fraction(value) * (COLORS - 1));
    }

    /** The colour (0xRRGGBB) of a palette index. */
    public static int rgb(int index) {
        return PALETTE[index];
    }

    public static int[] paletteColors() {
        return PALETTE.clone();
    }

    /** The legend's labelled values: 0, then every power of ten up to the max, then the max. */
    public List<Double> tickValues() {
        List<Double> ticks = new ArrayList<>();
        ticks.add(0.0);
        for (double v = 1; v < max; v *= 10) {
            ticks.add(v);
        }
        if (max > 0) {
            ticks.add(max);
        }
        return ticks;
    }

    /** Compact count text: 950, 1.2k, 34k, 5.6M. */
    public static String compact(double value) {
        if (Math.abs(value - Math.rint(value)) < 1e-6) {
            value = Math.rint(value); // sums of shares land a rounding error off whole counts
        }
        double v = Math.abs(value);
        if (v < 1000) {
            return v == Math.rint(v) ? Long.toString(Math.round(value)) : String.format(Locale.ROOT, "%.1f", value);
        }
        String[] units = {"k", "M", "G", "T"};
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            value /= 1000;
            u++;
        }
        boolean whole = Math.abs(value - Math.rint(value)) < 0.05;
        return (v < 10 && !whole ? String.format(Locale.ROOT, "%.1f", value) : Long.toString(Math.round(value))) + units[u];
    }

    private static int[] palette() {
        int[] colors = new int[COLORS];
        for (int i = 0; i < COLORS; i++) {
            double pos = (double) i / (COLORS - 1) * (ANCHORS.length - 1);
            int a = (int) Math.min(ANCHORS.length - 2, Math.floor(pos));
            double t = pos - a;
            colors[i] = mix(ANCHORS[a], ANCHORS[a + 1], t);
        }
        return colors;
    }

    private static int mix(int from, int to, double t) {
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = (from >> shift) & 0xFF;
            int b = (to >> shift) & 0xFF;
            rgb |= ((int) Math.round(a + (b - a) * t)) << shift;
        }
        return rgb;
    }
}
