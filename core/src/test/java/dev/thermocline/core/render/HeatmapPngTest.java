package dev.thermocline.core.render;

import static dev.thermocline.core.render.HeatmapLayout.PLOT;
import static dev.thermocline.core.render.HeatmapTestData.DOMAIN;
import static dev.thermocline.core.render.HeatmapTestData.cell;
import static dev.thermocline.core.render.HeatmapTestData.minute;
import static dev.thermocline.core.render.HeatmapTestData.ordersHistory;
import static dev.thermocline.core.render.HeatmapTestData.range;
import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.key.KeyType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A known heatmap painted to PNG, checked at pixels computed here from the plot area alone: time
 * runs linearly over [minute 0, minute 6) left to right, keys over [0, 1000) bottom to top.
 */
class HeatmapPngTest {

    static BufferedImage image;

    @BeforeAll
    static void paint() throws IOException {
        HeatGrid grid = new HeatGridBuilder(ordersHistory(), KeyType.LONG, DOMAIN).build(CellSource.of(List.of(
                cell(0, "p0", 4, 100, 101, 102, 103),          // cold: 4 accesses
                cell(1, "p3", 50),                              // 50 over [750, 1000), no sketch
                cell(2, "p2", 1000, range(550, 560)),           // hot: keys 550..559, after the split
                cell(3, "p4", 30, range(600, 630)),
                cell(5, "p1", 8, 300))),                        // minute 4 has no cell: no data
                Optional.empty(), Optional.empty());
        byte[] png = PngPainter.png(HeatmapLayout.draw(grid));
        Path out = Path.of("target", "heatmap-test.png");
        Files.createDirectories(out.getParent());
        Files.write(out, png);
        image = ImageIO.read(new ByteArrayInputStream(png));
    }

    static int x(double minute) {
        return (int) Math.floor(PLOT.x() + minute / 6 * PLOT.w());
    }

    static int y(double key) {
        return (int) Math.floor(PLOT.bottom() - key / 1000 * PLOT.h());
    }

    @Test
    void isThePictureSize() {
        assertThat(image.getWidth()).isEqualTo(HeatmapLayout.WIDTH);
        assertThat(image.getHeight()).isEqualTo(HeatmapLayout.HEIGHT);
    }

    @Test
    void hotWhereItIsHot() {
        Rgb hot = rgb(x(2.5), y(555));
        assertThat(hot.red()).as("hot " + hot).isGreaterThan(230);
        assertThat(hot.luma()).as("hot " + hot).isGreaterThan(200);
    }

    @Test
    void coldWhereItIsCold() {
        Rgb untouched = rgb(x(2.5), y(900)); // same window as the hot cell, keys nobody read
        assertThat(untouched.luma()).as("untouched " + untouched).isLessThan(20);
        Rgb fewAccesses = rgb(x(0.5), y(101));
        Rgb hot = rgb(x(2.5), y(555));
        assertThat(fewAccesses.luma()).as("4 accesses " + fewAccesses).isGreaterThan(untouched.luma()).isLessThan(hot.luma() / 2);
    }

    @Test
    void aPartitionWithoutSketchIsEvenOverItsRange() {
        Rgb a = rgb(x(1.5), y(760));
        Rgb b = rgb(x(1.5), y(990));
        assertThat(a).isEqualTo(b);
        assertThat(a.luma()).isGreaterThan(rgb(x(1.5), y(700)).luma());
    }

    @Test
    void aWindowWithoutCellsIsGreyNoData() {
        assertThat(rgb(x(4.5), y(500 - 20)).value()).isEqualTo(LogColorScale.NO_DATA);
    }

    @Test
    void boundariesOfEachRevisionAreDrawnWhereItWasInForce() {
        // revision 0 (boundaries 250, 500, 750) in minutes 0-2; revision 1 adds 600 from minute 2 on
        for (double minute : new double[] {0.5, 1.5, 3.5, 5.5}) {
            for (int key : new int[] {250, 500, 750}) {
                assertThat(boundaryAt(x(minute), key)).as("boundary " + key + " at minute " + minute).isTrue();
            }
        }
        assertThat(boundaryAt(x(0.5), 600)).as("600 before the split").isFalse();
        assertThat(boundaryAt(x(1.5), 600)).as("600 before the split").isFalse();
        assertThat(boundaryAt(x(2.5), 600)).as("600 after the split").isTrue();
        assertThat(boundaryAt(x(5.5), 600)).as("600 after the split").isTrue();
        assertThat(boundaryAt(x(1.5), 400)).as("no boundary at 400").isFalse();
    }

    @Test
    void theSplitIsMarkedWhereItTookEffect() {
        int atSplit = (int) Math.round(PLOT.x() + 2.0 / 6 * PLOT.w());
        long cyan = java.util.stream.IntStream.range(PLOT.y(), PLOT.bottom())
                .filter(y -> rgb(atSplit, y).value() == HeatmapLayout.BOUNDARY).count();
        assertThat(cyan).as("dashed: cyan on part of the height").isBetween(PLOT.h() / 3L, PLOT.h() - 10L);
    }

    /** Whether a boundary-coloured pixel lies within a pixel of {@code key}'s row. */
    private static boolean boundaryAt(int x, int key) {
        for (int dy = -1; dy <= 1; dy++) {
            if (rgb(x, y(key) + dy).value() == HeatmapLayout.BOUNDARY) {
                return true;
            }
        }
        return false;
    }

    static Rgb rgb(int x, int y) {
        return new Rgb(image.getRGB(x, y) & 0xFFFFFF);
    }

    record Rgb(int value) {
        int red() {
            return (value >> 16) & 0xFF;
        }

        int luma() {
            return (int) (0.299 * red() + 0.587 * ((value >> 8) & 0xFF) + 0.114 * (value & 0xFF));
        }

        @Override
        public String toString() {
            return String.format("#%06x", value);
        }
    }
}
