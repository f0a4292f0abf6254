package dev.thermocline.core.render;

import static dev.thermocline.core.render.HeatmapLayout.PLOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * String keys (boundaries g, n, t; n split at "p" after ten minutes): each segment between
 * boundaries is an equal band, so the hot segment [n, p) is the third of five bands from the
 * bottom. Written to target/heatmap-string-keys.png.
 */
class StringKeyPictureTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void eachSegmentIsAnEqualBandAndTheHotOneIsBright() throws IOException {
        TableSpec spec = new TableSpec("customers", "email", KeyType.STRING,
                new InitialPartitioning.ExplicitBoundaries(List.of(Key.of("g"), Key.of("n"), Key.of("t"))));
        PartitionMap initial = PartitionMap.initial(spec, Instant.EPOCH);
        PartitionMapHistory history = PartitionMapHistory.empty("customers").add(initial)
                .add(initial.split("p2", Key.of("p"), T0.plusSeconds(600), "hot n..t"));
        List<HeatmapCell> cells = new ArrayList<>();
        for (int minute = 0; minute < 20; minute++) {
            Instant start = T0.plusSeconds(60L * minute);
            cells.add(cell(start, "p2", "nora@example.com", 500));
            cells.add(cell(start, "p0", "alice@example.com", 2));
        }
        HeatGrid grid = new HeatGridBuilder(history, KeyType.STRING, Optional.empty())
                .build(CellSource.of(cells), Optional.empty(), Optional.empty());
        byte[] png = PngPainter.png(HeatmapLayout.draw(grid));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "heatmap-string-keys.png"), png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

        int x = PLOT.x() + PLOT.w() / 4;
        int hot = image.getRGB(x, (int) (PLOT.bottom() - 2.5 / 5 * PLOT.h())) & 0xFFFFFF;  // band [n, p)
        int cold = image.getRGB(x, (int) (PLOT.bottom() - 4.5 / 5 * PLOT.h())) & 0xFFFFFF; // band [t, +inf)
        assertThat(grid.keys().bands()).isEqualTo(5);
        assertThat(hot >> 16 & 0xFF).as("#%06x", hot).isGreaterThan(230);
        assertThat(cold).as("#%06x", cold).isEqualTo(LogColorScale.rgb(0));
    }

    private static HeatmapCell cell(Instant start, String partition, String key, long accesses) {
        KeySketch sketch = KeySketch.create(KeyType.STRING);
        sketch.update(Key.of(key), accesses);
        return new HeatmapCell(start, start.plusSeconds(60), "customers", partition, accesses, accesses, 0, Map.of(),
                sketch.toBytes());
    }
}
