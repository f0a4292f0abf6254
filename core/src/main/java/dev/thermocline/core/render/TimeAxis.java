package dev.thermocline.core.render;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The picture's time axis: columns between strictly increasing edges, left to right. When the
 * heatmap's windows fit, each column is one window (so hovering shows exact cell values); when there
 * are more windows than {@code maxColumns}, the span is cut into {@code maxColumns} equal columns and
 * each window's counts are shared out by overlap.
 */
public final class TimeAxis {

    private final List<Instant> edges;

    private TimeAxis(List<Instant> edges) {
        if (edges.size() < 2) {
            throw new IllegalArgumentException("a time axis needs at least two edges, got " + edges);
        }
        for (int i = 1; i < edges.size(); i++) {
            if (!edges.get(i - 1).isBefore(edges.get(i))) {
                throw new IllegalArgumentException("time axis edges must increase: " + edges.get(i - 1) + " then " + edges.get(i));
            }
        }
        this.edges = List.copyOf(edges);
    }

    public static TimeAxis of(List<Instant> edges) {
        return new TimeAxis(edges);
    }

    /** Columns over [{@code from}, {@code to}) cut at the window edges inside it, or equal columns when too many. */
    public static TimeAxis fromWindowEdges(Instant from, Instant to, Collection<Instant> windowEdges, int maxColumns) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("time axis from " + from + " is not before to " + to);
        }
        if (maxColumns < 1) {
            throw new IllegalArgumentException("maxColumns " + maxColumns + " must be positive");
        }
        TreeSet<Instant> cut = new TreeSet<>();
        cut.add(from);
        cut.add(to);
        for (Instant e : windowEdges) {
            if (e.isAfter(from) && e.isBefore(to)) {
                cut.add(e);
            }
        }
        if (cut.size() - 1 <= maxColumns) {
            return new TimeAxis(new ArrayList<>(cut));
        }
        long span = Duration.between(from, to).toMillis();
        List<Instant> equal = new ArrayList<>();
        for (int i = 0; i <= maxColumns; i++) {
            equal.add(i == maxColumns ? to : from.plusMillis(Math.round((double) span * i / maxColumns)));
        }
        return new TimeAxis(equal.stream().distinct().toList());
    }

    public Instant from() {
        return edges.get(0);
    }

    public Instant to() {
        return edges.get(edges.size() - 1);
    }

    public int columns() {
        return edges.size() - 1;
    }

    public Instant columnStart(int column) {
        return edges.get(column);
    }

    public Instant columnEnd(int column) {
        return edges.get(column + 1);
    }

    /** Where {@code t} lies between {@link #from()} (0) and {@link #to()} (1), clamped. */
    public double fraction(Instant t) {
        double f = seconds(from(), t) / seconds(from(), to());
        return Math.max(0, Math.min(1, f));
    }

    /** The first column that ends after {@code t} ({@link #columns()} if none). */
    public int firstColumnEndingAfter(Instant t) {
        int lo = 0;
        int hi = columns();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (columnEnd(mid).isAfter(t)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The share of the window [start, end) that falls in {@code column}, in [0, 1]. */
    public double share(int column, Instant start, Instant end) {
        Instant lo = start.isAfter(columnStart(column)) ? start : columnStart(column);
        Instant hi = end.isBefore(columnEnd(column)) ? end : columnEnd(column);
        return hi.isAfter(lo) ? seconds(lo, hi) / seconds(start, end) : 0;
    }

    static double seconds(Instant a, Instant b) {
        Duration d = Duration.between(a, b);
        return d.getSeconds() + d.getNano() / 1e9;
    }

    @Override
    public String toString() {
        return "TimeAxis[" + from() + " .. " + to() + ", " + columns() + " columns]";
    }
}
