package dev.thermocline.core.heat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeatAttributionTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant SPLIT = T0.plusSeconds(600);
    /** p0 [-inf,100) p1 [100,200) p2 [200,+inf); at SPLIT p1 splits at 150 into p1 [100,150) and p3 [150,200). */
    private static final PartitionMap R0 = PartitionMap.initial(new TableSpec("orders", "id", KeyType.LONG,
            new InitialPartitioning.ExplicitBoundaries(List.of(Key.of(100), Key.of(200)))), T0);
    private static final PartitionMap R1 = R0.split("p1", Key.of(150), SPLIT, "test");
    private static final PartitionMapHistory HISTORY = PartitionMapHistory.of("orders", List.of(R0, R1));

    @Test
    void cellsUnderTheLayoutsOwnRangesCountWhole() {
        Map<String, Double> heat = HeatAttribution.accessesByPartition(HISTORY, R1, List.of(
                cell("p1", SPLIT, Map.of(120L, 40L)), cell("p3", SPLIT, Map.of(160L, 10L)), cell("p0", T0, Map.of(5L, 7L))));

        assertThat(heat).containsExactlyInAnyOrderEntriesOf(Map.of("p0", 7.0, "p1", 40.0, "p2", 0.0, "p3", 10.0));
    }

    @Test
    void aCellFromBeforeASplitIsSpreadByItsSketchNotGivenToTheIdsLeftPart() {
        Map<String, Double> heat = HeatAttribution.accessesByPartition(HISTORY, R1,
                List.of(cell("p1", T0, Map.of(110L, 25L, 190L, 75L))));

        assertThat(heat.get("p1")).isCloseTo(25, within(1e-9));
        assertThat(heat.get("p3")).isCloseTo(75, within(1e-9));
    }

    @Test
    void aCellWithoutSketchSpreadsByKeyWidthAndUnknownIdsAreLeftOut() {
        HeatmapCell noSketch = new HeatmapCell(T0, T0.plusSeconds(60), "orders", "p1", 100, 0, 0, Map.of(), new byte[0]);
        HeatmapCell unknown = new HeatmapCell(T0, T0.plusSeconds(60), "orders", "p99", 100, 0, 0, Map.of(), new byte[0]);

        Map<String, Double> heat = HeatAttribution.accessesByPartition(HISTORY, R1, List.of(noSketch, unknown));

        assertThat(heat.get("p1")).isCloseTo(50, within(1e-9));
        assertThat(heat.get("p3")).isCloseTo(50, within(1e-9));
        assertThat(heat.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(100, within(1e-9));
    }

    private static HeatmapCell cell(String partition, Instant start, Map<Long, Long> counts) {
        KeySketch sketch = KeySketch.create(KeyType.LONG);
        counts.forEach((k, n) -> sketch.update(Key.of(k), n));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new HeatmapCell(start, start.plusSeconds(60), "orders", partition, total, 0, 0, Map.of(), sketch.toBytes());
    }
}
