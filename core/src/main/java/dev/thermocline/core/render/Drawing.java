package dev.thermocline.core.render;

import java.util.List;

/**
 * The heatmap picture as a display list in pixels, painted the same way by {@link PngPainter}
 * (Java2D) and by the HTML page's script (canvas): the heat raster first, then the shapes in order.
 * The hover data is used only by the HTML page.
 *
 * @param background 0xRRGGBB
 */
public record Drawing(int width, int height, int background, Raster raster, List<Shape> shapes, Hover hover) {

    public Drawing {
        shapes = List.copyOf(shapes);
    }

    /**
     * The heat cells: column {@code c} spans x in [{@code x[c]}, {@code x[c+1]}), band {@code b}
     * spans y in [{@code y[b+1]}, {@code y[b]}) (band 0 at the bottom).
     *
     * @param colors per {@code [column][band]} an index into {@code palette}, or -1 for no data
     */
    public record Raster(int[] x, int[] y, int[][] colors, int[] palette, int noData) {

        public int rgb(int column, int band) {
            int i = colors[column][band];
            return i < 0 ? noData : palette[i];
        }
    }

    /** Something drawn over the raster. */
    public sealed interface Shape permits Rect, Line, Text {}

    /** A filled rectangle. */
    public record Rect(int x, int y, int w, int h, int rgb) implements Shape {}

    /** A straight line of {@code width} pixels, solid or dashed (6 on, 4 off). */
    public record Line(double x1, double y1, double x2, double y2, int rgb, double width, boolean dashed) implements Shape {}

    /** Text whose anchor is {@code x} (by {@code align}) and the vertical middle {@code y}. */
    public record Text(double x, double y, String text, int rgb, int size, boolean bold, Align align, boolean vertical)
            implements Shape {}

    public enum Align { LEFT, CENTER, RIGHT }

    /**
     * What the HTML page shows on hover: per column its time span, per band its keys, the grid values
     * and per column the partitions with their counts.
     */
    public record Hover(List<String> columns, List<String> bands, double[][] values, List<List<HoverPart>> parts) {}

    /** A partition's line of hover text, shown over the bands it covers. */
    public record HoverPart(int firstBand, int lastBand, String text) {}
}
