package dev.thermocline.core.render;

import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.render.Drawing.Align;
import dev.thermocline.core.render.Drawing.HoverPart;
import dev.thermocline.core.render.Drawing.Line;
import dev.thermocline.core.render.Drawing.Rect;
import dev.thermocline.core.render.Drawing.Shape;
import dev.thermocline.core.render.Drawing.Text;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lays a {@link HeatGrid} out as a {@link Drawing}: time left to right, keys bottom (low) to top
 * (high), colour by accesses on a {@link LogColorScale} with its legend on the right, and the
 * partition boundaries of each revision drawn as cyan lines over the time it was in force (a dashed
 * cyan line marks when a revision took effect).
 */
public final class HeatmapLayout {

    public static final int WIDTH = 1200;
    public static final int HEIGHT = 720;

    /** The heat area, in pixels. */
    public record PlotArea(int x, int y, int w, int h) {
        public int right() {
            return x + w;
        }

        public int bottom() {
            return y + h;
        }
    }

    public static final PlotArea PLOT = new PlotArea(110, 70, 930, 570);

    /** Partition boundaries: cyan stands apart from every colour of the heat ramp. */
    public static final int BOUNDARY = 0x00D8FF;
    public static final int BACKGROUND = 0xFFFFFF;

    private static final int INK = 0x202020;
    private static final int MUTED = 0x606060;
    private static final int REVISION_LABEL = 0x00728A;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final HeatGrid grid;
    private final LogColorScale scale;
    private final List<Shape> shapes = new ArrayList<>();

    private HeatmapLayout(HeatGrid grid) {
        this.grid = grid;
        this.scale = new LogColorScale(grid.max());
    }

    public static Drawing draw(HeatGrid grid) {
        return new HeatmapLayout(grid).drawing();
    }

    /** The x pixel of {@code t} on the time axis. */
    public static double xOf(TimeAxis time, Instant t) {
        return PLOT.x() + time.fraction(t) * PLOT.w();
    }

    /** The y pixel of a key-axis position (in band units). */
    public static double yOf(KeyAxis keys, double position) {
        return PLOT.bottom() - position / keys.bands() * PLOT.h();
    }

    private Drawing drawing() {
        Drawing.Raster raster = raster();
        titles();
        frame();
        boundaries();
        keyTicks();
        timeTicks();
        legend();
        return new Drawing(WIDTH, HEIGHT, BACKGROUND, raster, shapes, hover());
    }

    private Drawing.Raster raster() {
        TimeAxis time = grid.time();
        KeyAxis keys = grid.keys();
        int[] x = new int[time.columns() + 1];
        for (int c = 0; c <= time.columns(); c++) {
            x[c] = (int) Math.round(xOf(time, c == time.columns() ? time.to() : time.columnStart(c)));
        }
        int[] y = new int[keys.bands() + 1];
        for (int b = 0; b <= keys.bands(); b++) {
            y[b] = (int) Math.round(yOf(keys, b));
        }
        int[][] colors = new int[time.columns()][keys.bands()];
        for (int c = 0; c < colors.length; c++) {
            for (int b = 0; b < keys.bands(); b++) {
                colors[c][b] = grid.covered()[c] ? scale.index(grid.value(c, b)) : -1;
            }
        }
        return new Drawing.Raster(x, y, colors, LogColorScale.paletteColors(), LogColorScale.NO_DATA);
    }

    private void titles() {
        shapes.add(new Text(PLOT.x(), 20, "Access heat of table '" + grid.table() + "'", INK, 17, true, Align.LEFT, false));
        long first = grid.revisions().isEmpty() ? 0 : grid.revisions().get(0).map().revision();
        long last = grid.revisions().isEmpty() ? 0 : grid.revisions().get(grid.revisions().size() - 1).map().revision();
        String revisions = grid.revisions().isEmpty() ? "no partition map in force"
                : first == last ? "partition boundaries of revision " + first
                : "partition boundaries of revisions " + first + "–" + last;
        shapes.add(new Text(PLOT.x(), 42, span(grid.time().from(), grid.time().to()) + "  ·  colour: accesses per "
                + (grid.time().columns() == 1 ? "window" : "column") + " and key band (log scale)  ·  cyan: "
                + revisions, MUTED, 12, false, Align.LEFT, false));
    }

    private void frame() {
        line(PLOT.x(), PLOT.y(), PLOT.right(), PLOT.y(), MUTED, 1);
        line(PLOT.x(), PLOT.bottom(), PLOT.right(), PLOT.bottom(), MUTED, 1);
        line(PLOT.x(), PLOT.y(), PLOT.x(), PLOT.bottom(), MUTED, 1);
        line(PLOT.right(), PLOT.y(), PLOT.right(), PLOT.bottom(), MUTED, 1);
    }

    private void boundaries() {
        double lastLabel = Double.NEGATIVE_INFINITY;
        for (RevisionSpan span : grid.revisions()) {
            double x1 = xOf(grid.time(), span.from());
            double x2 = xOf(grid.time(), span.to());
            PartitionMap map = span.map();
            for (Partition p : map.partitions()) {
                if (p.range().start() != null) {
                    double y = Math.round(yOf(grid.keys(), grid.keys().position(p.range().start())));
                    shapes.add(new Line(x1, y, x2, y, BOUNDARY, 2, false));
                }
            }
            if (span.from().isAfter(grid.time().from())) {
                shapes.add(new Line(Math.round(x1), PLOT.y(), Math.round(x1), PLOT.bottom(), BOUNDARY, 1, true));
            }
            if (x1 - lastLabel >= 48) {
                shapes.add(new Text(x1 + 2, PLOT.y() - 9, "rev " + map.revision(), REVISION_LABEL, 11, true, Align.LEFT, false));
                lastLabel = x1;
            }
        }
    }

    private void keyTicks() {
        double lastLabel = Double.POSITIVE_INFINITY;
        for (KeyAxis.Tick tick : grid.keys().ticks(PLOT.h() / 40)) {
            double y = yOf(grid.keys(), tick.position());
            line(PLOT.x() - 5, y, PLOT.x(), y, MUTED, 1);
            if (lastLabel - y >= 14) {
                shapes.add(new Text(PLOT.x() - 8, y, tick.label(), INK, 11, false, Align.RIGHT, false));
                lastLabel = y;
            }
        }
        shapes.add(new Text(22, PLOT.y() + PLOT.h() / 2.0, grid.keys().title(), INK, 12, true, Align.CENTER, true));
    }

    private void timeTicks() {
        double lastLabel = Double.NEGATIVE_INFINITY;
        for (TimeTicks.Tick tick : TimeTicks.between(grid.time().from(), grid.time().to(), PLOT.w() / 100)) {
            double x = xOf(grid.time(), tick.at());
            line(x, PLOT.bottom(), x, PLOT.bottom() + 5, MUTED, 1);
            if (x - lastLabel >= 60) {
                shapes.add(new Text(x, PLOT.bottom() + 16, tick.time(), INK, 11, false, Align.CENTER, false));
                if (!tick.date().isEmpty() || lastLabel == Double.NEGATIVE_INFINITY) {
                    String date = tick.date().isEmpty() ? STAMP.format(tick.at()).substring(0, 10) : tick.date();
                    shapes.add(new Text(x, PLOT.bottom() + 30, date, MUTED, 11, false, Align.CENTER, false));
                }
                lastLabel = x;
            }
        }
        shapes.add(new Text(PLOT.x() + PLOT.w() / 2.0, PLOT.bottom() + 54, "time (UTC)", INK, 12, true, Align.CENTER, false));
    }

    private void legend() {
        int x = PLOT.right() + 28;
        int top = PLOT.y() + 22;
        int bottom = PLOT.bottom() - 44;
        int h = bottom - top;
        shapes.add(new Text(x, PLOT.y() + 4, "accesses", INK, 12, true, Align.LEFT, false));
        for (int row = 0; row < h; row++) {
            double f = 1 - (row + 0.5) / h;
            shapes.add(new Rect(x, top + row, 18, 1, LogColorScale.rgb((int) Math.round(f * (LogColorScale.COLORS - 1)))));
        }
        line(x, top, x + 18, top, MUTED, 1);
        line(x, bottom, x + 18, bottom, MUTED, 1);
        line(x, top, x, bottom, MUTED, 1);
        line(x + 18, top, x + 18, bottom, MUTED, 1);
        double lastLabel = Double.POSITIVE_INFINITY;
        List<Double> values = scale.tickValues();
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            double y = bottom - scale.fraction(v) * h;
            boolean isMax = i == values.size() - 1 && v > 0;
            line(x + 18, y, x + 23, y, MUTED, 1);
            if (lastLabel - y >= 13 || isMax) {
                shapes.add(new Text(x + 27, y, isMax ? "max " + count(v) : LogColorScale.compact(v), INK, 11, isMax, Align.LEFT, false));
                lastLabel = y;
            }
        }
        shapes.add(new Text(x, bottom + 16, "log scale", MUTED, 11, false, Align.LEFT, false));
        shapes.add(new Rect(x, PLOT.bottom() - 12, 18, 12, LogColorScale.NO_DATA));
        shapes.add(new Text(x + 27, PLOT.bottom() - 6, "no data", INK, 11, false, Align.LEFT, false));
    }

    private Drawing.Hover hover() {
        TimeAxis time = grid.time();
        KeyAxis keys = grid.keys();
        List<String> columns = new ArrayList<>();
        List<List<HoverPart>> parts = new ArrayList<>();
        double[][] values = new double[time.columns()][keys.bands()];
        for (int c = 0; c < time.columns(); c++) {
            columns.add(span(time.columnStart(c), time.columnEnd(c)) + (grid.covered()[c] ? "" : " · no data"));
            List<HoverPart> column = new ArrayList<>();
            for (PartitionShare share : grid.partitions().get(c).values()) {
                column.add(new HoverPart(share.firstBand(), share.lastBand(), partitionText(share)));
            }
            parts.add(column);
            for (int b = 0; b < keys.bands(); b++) {
                values[c][b] = Math.round(grid.value(c, b) * 100) / 100.0;
            }
        }
        List<String> bands = new ArrayList<>();
        for (int b = 0; b < keys.bands(); b++) {
            bands.add(keys.bandText(b));
        }
        return new Drawing.Hover(columns, bands, values, parts);
    }

    private static String partitionText(PartitionShare s) {
        return s.partitionKey() + " " + s.range() + " (rev " + s.revision() + "): " + count(s.accesses()) + " accesses, "
                + count(s.reads()) + " reads, " + count(s.writes()) + " writes";
    }

    /** Exact counts print as integers; shares of a cell cut by column edges print with "≈". */
    static String count(double v) {
        double rounded = Math.rint(v);
        return Math.abs(v - rounded) < 1e-6 ? String.format(Locale.ROOT, "%,d", (long) rounded)
                : String.format(Locale.ROOT, "≈%,.1f", v);
    }

    private static String span(Instant from, Instant to) {
        String a = STAMP.format(from);
        String b = STAMP.format(to);
        return a + " – " + (a.substring(0, 10).equals(b.substring(0, 10)) ? CLOCK.format(to) : b) + " UTC";
    }

    private void line(double x1, double y1, double x2, double y2, int rgb, double width) {
        shapes.add(new Line(x1, y1, x2, y2, rgb, width, false));
    }
}
