package dev.thermocline.cli.heatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.cli.ActionContext;
import dev.thermocline.cli.ExitCode;
import dev.thermocline.cli.HeatmapPictureRequest;
import dev.thermocline.cli.PictureFormat;
import dev.thermocline.cli.testing.OrdersConfig;
import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.render.HeatmapLayout;
import dev.thermocline.core.render.HtmlPage;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.iceberg.GenericRowsWriter;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import dev.thermocline.flink.partitionmap.VersionedHistory;
import dev.thermocline.heatmap.HeatmapRows;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real local warehouse: {@code orders} (keys 0..1000, 4 partitions) split twice — p1 at 300 at
 * minute 2 (p4 = [300, 500)), p2 at 600 at minute 4 (p5 = [600, 750)) — and six one-minute windows of
 * heatmap cells, the hottest 2000 accesses to keys 400..409 in minute 3. Pixels are checked where
 * the plot area's linear axes put them: time [minute 0, minute 6), keys [0, 1000).
 */
class HeatmapPictureActionITCase {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Path SCREENSHOTS = Path.of("target", "heatmap-screenshots");

    @TempDir
    static Path wd;

    static ThermoclineConfig config;

    @BeforeAll
    static void warehouse() {
        config = OrdersConfig.in(wd);
        Catalog catalog = IcebergCatalogs.load(config.catalogSettings());
        Namespace ns = Namespace.of(config.namespace());
        ThermoclineTables.createAll(catalog, ns);
        PartitionMapStore store = new PartitionMapStore(catalog, ns, config.tables());
        VersionedHistory base = store.loadVersioned("orders");
        VersionedHistory first = store.commit(base,
                base.history().latest().orElseThrow().split("p1", Key.of(300), minute(2), "hot p1"), Map.of());
        store.commit(first, first.history().latest().orElseThrow().split("p2", Key.of(600), minute(4), "warm p2"), Map.of());

        Table heatmap = catalog.loadTable(TableIdentifier.of(ns, ThermoclineTables.HEATMAP));
        append(heatmap, List.of(
                cell(0, "p0", 5, 100, 105),
                cell(0, "p1", 40, 260, 261, 262, 263),
                cell(1, "p3", 80),                                     // no sketch: even over [750, 1000)
                cell(2, "p4", 600, keys(400, 410))));
        append(heatmap, List.of(                                        // a second snapshot
                cell(3, "p4", 2000, keys(400, 410)),
                cell(4, "p5", 300, keys(600, 630)),
                cell(5, "p2", 20, 550)));
    }

    @Test
    void drawsAPngHotWhereItIsHotWithEachRevisionsBoundaries() throws IOException {
        Path png = wd.resolve("out/orders.png");
        String out = run(png, Optional.empty(), Optional.empty());

        assertThat(out).startsWith("wrote " + png + ": 7 cells of 'orders' from 2026-11-24T10:00:00Z to 2026-11-24T10:06:00Z,"
                + " 6 time columns x 100 key bands, 3 revisions");
        BufferedImage image = ImageIO.read(png.toFile());
        Files.createDirectories(SCREENSHOTS);
        Files.copy(png, SCREENSHOTS.resolve("heatmap-itcase.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(image.getWidth()).isEqualTo(HeatmapLayout.WIDTH);
        assertHotAndColdAndBoundaries(image, "PNG");
    }

    @Test
    void narrowsToFromAndTo() throws IOException {
        String out = run(wd.resolve("narrow.png"), Optional.of(minute(2)), Optional.of(minute(4)));

        assertThat(out).contains(": 2 cells of 'orders' from 2026-11-24T10:02:00Z to 2026-11-24T10:04:00Z, 2 time columns",
                ", 1 revisions");
    }

    @Test
    void anEmptySpanWithoutBoundsIsAnErrorNamingTheTable() {
        assertThatThrownBy(() -> run(wd.resolve("none.png"), Optional.of(minute(60)), Optional.empty()))
                .hasMessageContaining("no cells of table 'orders' from 2026-11-24T11:00:00Z");
    }

    @Test
    void drawsASelfContainedHtmlPageThatAHeadlessBrowserPaints() throws Exception {
        Path html = wd.resolve("orders.html");
        run(html, Optional.empty(), Optional.empty());
        String page = Files.readString(html);
        Files.createDirectories(SCREENSHOTS);
        Files.copy(html, SCREENSHOTS.resolve("heatmap-itcase.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(page).doesNotContain("http://", "https://", "<script src", "<link", "<img");

        HeadlessChromium chromium = HeadlessChromium.find(wd).orElse(null);
        Assumptions.assumeTrue(chromium != null,
                "chromium is not installed (Debian package 'chromium'; .ci/run installs it): browser check skipped");
        String url = html.toUri().toString();

        String body = bodyTag(chromium.dumpDom(url));
        assertThat(body).contains(HtmlPage.DRAWN_ATTRIBUTE + "=\"" + HtmlPage.DRAWN_VALUE + "\"")
                .doesNotContain(HtmlPage.ERROR_ATTRIBUTE);

        String hovered = chromium.dumpDom(url + "#hover=" + x(3.5) + "," + y(405));
        assertThat(hovered).contains("2026-11-24 10:03:00 – 10:04:00 UTC", "keys 400..409",
                "2,000 accesses in this key band", "p4 [300, 500) (rev 1): 2,000 accesses, 2,000 reads, 0 writes");

        Path screenshot = SCREENSHOTS.resolve("heatmap-itcase-chromium.png");
        chromium.screenshot(url, screenshot);
        assertHotAndColdAndBoundaries(ImageIO.read(screenshot.toFile()), "chromium screenshot");
    }

    /** The opening {@code <body …>} tag of a DOM dump: where the page's script records success or failure. */
    private static String bodyTag(String dom) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<body[^>]*>").matcher(dom);
        assertThat(m.find()).as("a <body> in the DOM dump").isTrue();
        return m.group();
    }

    private static void assertHotAndColdAndBoundaries(BufferedImage image, String what) {
        int hot = rgb(image, x(3.5), y(405));
        int cold = rgb(image, x(3.5), y(150));
        assertThat(red(hot)).as(what + ": hot %06x", hot).isGreaterThan(230);
        assertThat(luma(hot)).as(what + ": hot %06x", hot).isGreaterThan(200);
        assertThat(luma(cold)).as(what + ": cold %06x", cold).isLessThan(20);
        assertThat(boundaryNear(image, x(1.5), 300)).as(what + ": 300 before its split").isFalse();
        assertThat(boundaryNear(image, x(2.5), 300)).as(what + ": 300 after its split").isTrue();
        assertThat(boundaryNear(image, x(3.5), 600)).as(what + ": 600 before its split").isFalse();
        assertThat(boundaryNear(image, x(4.5), 600)).as(what + ": 600 after its split").isTrue();
        assertThat(boundaryNear(image, x(0.5), 500)).as(what + ": 500 throughout").isTrue();
        assertThat(boundaryNear(image, x(5.5), 500)).as(what + ": 500 throughout").isTrue();
    }

    private static boolean boundaryNear(BufferedImage image, int x, long key) {
        for (int dy = -1; dy <= 1; dy++) {
            int c = rgb(image, x, y(key) + dy);
            // the browser may blend the line's edge: cyan = no red, strong green and blue
            if (red(c) < 60 && ((c >> 8) & 0xFF) > 170 && (c & 0xFF) > 200) {
                return true;
            }
        }
        return false;
    }

    private static int x(double minute) {
        return (int) Math.floor(HeatmapLayout.PLOT.x() + minute / 6 * HeatmapLayout.PLOT.w());
    }

    private static int y(double key) {
        return (int) Math.floor(HeatmapLayout.PLOT.bottom() - key / 1000 * HeatmapLayout.PLOT.h());
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    private static int luma(int rgb) {
        return (int) (0.299 * red(rgb) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF));
    }

    private static String run(Path out, Optional<Instant> from, Optional<Instant> to) throws IOException {
        StringWriter stdout = new StringWriter();
        PictureFormat format = out.toString().endsWith(".png") ? PictureFormat.PNG : PictureFormat.HTML;
        int exit = new HeatmapPictureAction().run(new HeatmapPictureRequest("orders", from, to, out, format),
                new ActionContext(config, new PrintWriter(stdout), new PrintWriter(new StringWriter()), Clock.systemUTC(), wd));
        assertThat(exit).isEqualTo(ExitCode.OK);
        return stdout.toString();
    }

    private static Instant minute(int n) {
        return T0.plusSeconds(60L * n);
    }

    private static long[] keys(long from, long toExclusive) {
        return java.util.stream.LongStream.range(from, toExclusive).toArray();
    }

    private static HeatmapCell cell(int minute, String partition, long accesses, long... keys) {
        byte[] sketch = new byte[0];
        if (keys.length > 0) {
            KeySketch s = KeySketch.create(KeyType.LONG);
            for (long k : keys) {
                s.update(Key.of(k), accesses / keys.length);
            }
            sketch = s.toBytes();
        }
        return new HeatmapCell(minute(minute), minute(minute + 1), "orders", partition, accesses, accesses, 0,
                Map.of("status", accesses), sketch);
    }

    private static void append(Table heatmap, List<HeatmapCell> cells) {
        List<Record> records = new ArrayList<>();
        cells.forEach(c -> records.add(HeatmapRows.toRecord(heatmap.schema(), c)));
        AppendFiles append = heatmap.newAppend();
        GenericRowsWriter.write(heatmap, records).forEach(append::appendFile);
        append.commit();
    }
}
