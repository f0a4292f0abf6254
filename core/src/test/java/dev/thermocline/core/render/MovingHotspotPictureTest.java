package dev.thermocline.core.render;

import static dev.thermocline.core.render.HeatmapLayout.PLOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Two hours of one-minute windows over keys [0, 1,000,000) in 16 partitions, with a hotspot whose
 * centre moves linearly from key 100,000 to 900,000 (seeded normal spread, sd 15,000) and the
 * partition holding it split three times. The picture is hot along the hotspot's path and dim
 * far from it. Written to target/heatmap-moving-hotspot.png to look at.
 */
class MovingHotspotPictureTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final int MINUTES = 120;

    private static double centre(double minute) {
        return 100_000 + 800_000 * minute / MINUTES;
    }

    @Test
    void isHotAlongTheHotspotsPathAndDarkFarFromIt() throws IOException {
        PartitionMapHistory history = history();
        List<HeatmapCell> cells = cells(history);
        HeatGrid grid = new HeatGridBuilder(history, KeyType.LONG, Optional.of(KeyRange.of(Key.of(0), Key.of(1_000_000))))
                .build(CellSource.of(cells), Optional.empty(), Optional.empty());
        byte[] png = PngPainter.png(HeatmapLayout.draw(grid));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "heatmap-moving-hotspot.png"), png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

        for (int minute : new int[] {10, 60, 110}) {
            double m = minute + 0.5;
            int x = (int) (PLOT.x() + m / MINUTES * PLOT.w());
            int hot = image.getRGB(x, y(centre(m))) & 0xFFFFFF;
            int far = image.getRGB(x, y((centre(m) + 450_000) % 1_000_000)) & 0xFFFFFF;
            assertThat(luma(hot)).as("minute %d at the hotspot: #%06x", minute, hot).isGreaterThan(150);
            // a tenth of the load is background, ~3 accesses per band: dim purple, far below the hotspot
            assertThat(luma(far)).as("minute %d far away: #%06x", minute, far).isLessThan(Math.min(110, luma(hot) / 2));
        }
    }

    private static int y(double key) {
        return (int) (PLOT.bottom() - key / 1_000_000 * PLOT.h());
    }

    private static int luma(int c) {
        return (int) (0.299 * (c >> 16 & 0xFF) + 0.587 * (c >> 8 & 0xFF) + 0.114 * (c & 0xFF));
    }

    private static PartitionMapHistory history() {
        TableSpec spec = new TableSpec("orders", "id", KeyType.LONG,
                new InitialPartitioning.EqualRanges(16, Key.of(0), Key.of(1_000_000)));
        PartitionMap map = PartitionMap.initial(spec, Instant.EPOCH);
        PartitionMapHistory history = PartitionMapHistory.empty("orders").add(map);
        for (int minute : new int[] {30, 60, 90}) {
            long key = Math.round(centre(minute) / 1000) * 1000 + 20_000; // just ahead of the hotspot
            Partition hot = map.partitionFor(Key.of(key));
            map = map.split(hot.partitionKey(), Key.of(key), T0.plusSeconds(60L * minute), "hotspot at " + key);
            history = history.add(map);
        }
        return history;
    }

    private static List<HeatmapCell> cells(PartitionMapHistory history) {
        Random random = new Random(42);
        List<HeatmapCell> cells = new ArrayList<>();
        for (int minute = 0; minute < MINUTES; minute++) {
            Instant start = T0.plusSeconds(60L * minute);
            PartitionMap map = history.mapAt(start).orElseThrow();
            Map<String, KeySketch> sketches = new HashMap<>();
            for (int i = 0; i < 3000; i++) {
                boolean background = i % 10 == 0; // a tenth of the load is spread over all keys
                long key = background ? random.nextInt(1_000_000)
                        : Math.max(0, Math.min(999_999, Math.round(centre(minute + random.nextDouble()) + random.nextGaussian() * 15_000)));
                sketches.computeIfAbsent(map.partitionFor(Key.of(key)).partitionKey(), p -> KeySketch.create(KeyType.LONG))
                        .update(Key.of(key));
            }
            sketches.forEach((partition, sketch) -> cells.add(new HeatmapCell(start, start.plusSeconds(60), "orders",
                    partition, sketch.n(), sketch.n(), 0, Map.of(), sketch.toBytes())));
        }
        return cells;
    }
}
