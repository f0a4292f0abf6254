package dev.thermocline.core.render;

import static dev.thermocline.core.render.HeatmapTestData.DOMAIN;
import static dev.thermocline.core.render.HeatmapTestData.cell;
import static dev.thermocline.core.render.HeatmapTestData.minute;
import static dev.thermocline.core.render.HeatmapTestData.ordersHistory;
import static dev.thermocline.core.render.HeatmapTestData.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeatGridBuilderTest {

    private final HeatGridBuilder builder = new HeatGridBuilder(ordersHistory(), KeyType.LONG, DOMAIN);

    @Test
    void aSketchPutsAPartitionsAccessesOnTheKeysItSaw() {
        HeatGrid grid = builder.build(CellSource.of(List.of(cell(2, "p2", 1000, range(550, 560)))),
                Optional.of(minute(0)), Optional.of(minute(4)));

        assertThat(grid.keys()).isInstanceOfSatisfying(LinearKeyAxis.class, axis -> {
            assertThat(axis.low()).isZero();
            assertThat(axis.high()).isEqualTo(1000);
            assertThat(axis.bands()).isEqualTo(100);
        });
        // columns cut at the window edges: [m0, m2) has no cell, so it is one "no data" column
        assertThat(grid.time().columns()).isEqualTo(3);
        assertThat(grid.value(1, 55)).isCloseTo(1000, within(1e-9)); // keys 550..559
        assertThat(grid.value(1, 54)).isZero();
        assertThat(grid.value(1, 56)).isZero();
        assertThat(grid.covered()).containsExactly(false, true, false);
    }

    @Test
    void withoutASketchAccessesSpreadEvenlyOverThePartition() {
        HeatGrid grid = builder.build(CellSource.of(List.of(cell(0, "p1", 250))), Optional.empty(), Optional.empty());

        for (int band = 0; band < 100; band++) {
            assertThat(grid.value(0, band)).as("band " + band).isCloseTo(band >= 25 && band < 50 ? 10 : 0, within(1e-9));
        }
    }

    @Test
    void aCellsPartitionIdIsReadInTheRevisionInForceDuringItsWindow() {
        // p2 is [500, 750) before the split and [500, 600) after it
        HeatGrid grid = builder.build(CellSource.of(List.of(cell(1, "p2", 250), cell(2, "p2", 100))),
                Optional.empty(), Optional.empty());

        assertThat(grid.partitions().get(0).get("p2").range()).isEqualTo(KeyRange.of(Key.of(500), Key.of(750)));
        assertThat(grid.partitions().get(1).get("p2").range()).isEqualTo(KeyRange.of(Key.of(500), Key.of(600)));
        assertThat(grid.value(0, 70)).isCloseTo(10, within(1e-9));
        assertThat(grid.value(1, 70)).isZero();
        assertThat(grid.value(1, 55)).isCloseTo(10, within(1e-9));
    }

    @Test
    void mergedColumnsKeepEveryAccess() {
        List<HeatmapCell> cells = List.of(cell(0, "p0", 7, 3, 100), cell(1, "p3", 40), cell(2, "p4", 999, range(600, 603)),
                cell(3, "p1", 12, 260, 261, 400), cell(5, "p2", 5));
        HeatGrid grid = new HeatGridBuilder(ordersHistory(), KeyType.LONG, DOMAIN, 4, 100)
                .build(CellSource.of(cells), Optional.empty(), Optional.empty());

        assertThat(grid.time().columns()).isEqualTo(4); // 6 minutes cut into 4 equal columns
        double total = Arrays.stream(grid.values()).flatMapToDouble(Arrays::stream).sum();
        assertThat(total).isCloseTo(7 + 40 + 999 + 12 + 5, within(1e-6));
        double partitionTotal = grid.partitions().stream().flatMap(m -> m.values().stream())
                .mapToDouble(PartitionShare::accesses).sum();
        assertThat(partitionTotal).isCloseTo(total, within(1e-6));
        assertThat(grid.covered()).containsExactly(true, true, true, true);
    }

    @Test
    void cellsReachingOutsideTheSpanCountOnlyTheirShareInside() {
        HeatGrid grid = builder.build(CellSource.of(List.of(cell(0, "p1", 600))),
                Optional.of(minute(0).plusSeconds(40)), Optional.of(minute(1)));

        double total = Arrays.stream(grid.values()).flatMapToDouble(Arrays::stream).sum();
        assertThat(total).isCloseTo(200, within(1e-9)); // the last 20 of its 60 seconds
    }

    @Test
    void cellsOfPartitionsNoRevisionHasAreSkippedAndNamed() {
        HeatGrid grid = builder.build(CellSource.of(List.of(cell(0, "p1", 10), cell(0, "p99", 10))),
                Optional.empty(), Optional.empty());

        assertThat(grid.cells()).isEqualTo(1);
        assertThat(grid.unknownPartitions()).containsExactly("p99");
    }

    @Test
    void revisionsAreClippedToThePictureSpan() {
        HeatGrid grid = builder.build(CellSource.of(List.of(cell(0, "p0", 1), cell(3, "p0", 1))),
                Optional.empty(), Optional.empty());

        assertThat(grid.revisions()).extracting(s -> s.map().revision(), RevisionSpan::from, RevisionSpan::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, minute(0), minute(2)),
                        org.assertj.core.groups.Tuple.tuple(1L, minute(2), minute(4)));
    }

    @Test
    void theKeyAxisCoversKeysSeenBeyondTheDomain() {
        HeatGrid grid = builder.build(CellSource.of(List.of(cell(0, "p3", 10, 5000), cell(0, "p0", 10, -20))),
                Optional.empty(), Optional.empty());

        LinearKeyAxis axis = (LinearKeyAxis) grid.keys();
        assertThat(axis.low()).isEqualTo(-20);
        assertThat(axis.high()).isEqualTo(5001);
    }

    @Test
    void withoutADomainOpenEndPartitionsGetAMeanPartitionWidth() {
        HeatGrid grid = new HeatGridBuilder(ordersHistory(), KeyType.LONG, Optional.empty())
                .build(CellSource.of(List.of(cell(0, "p0", 10))), Optional.empty(), Optional.empty());

        LinearKeyAxis axis = (LinearKeyAxis) grid.keys();
        // only revision 0 (boundaries 250, 500, 750) is in force: mean width (750 - 250) / 2
        assertThat(axis.low()).isEqualTo(0);
        assertThat(axis.high()).isEqualTo(1000);
    }

    @Test
    void stringKeysGetOneBandPerSegmentBetweenBoundaries() {
        PartitionMap map = new PartitionMap("users", KeyType.STRING, 0, Instant.EPOCH, "initial", List.of(
                new Partition("p0", KeyRange.of(null, Key.of("g"))),
                new Partition("p1", KeyRange.of(Key.of("g"), Key.of("n"))),
                new Partition("p2", KeyRange.of(Key.of("n"), null))), 3);
        PartitionMap split = map.split("p1", Key.of("k"), HeatmapTestData.minute(1), "hot");
        KeySketch sketch = KeySketch.create(KeyType.STRING);
        sketch.update(Key.of("hank"), 3);
        sketch.update(Key.of("mike"), 1);
        HeatmapCell withSketch = new HeatmapCell(minute(0), minute(1), "users", "p1", 4, 4, 0, Map.of(), sketch.toBytes());
        HeatmapCell unsketched = new HeatmapCell(minute(0), minute(1), "users", "p0", 2, 2, 0, Map.of(), null);
        HeatmapCell even = new HeatmapCell(minute(1), minute(2), "users", "p2", 8, 8, 0, Map.of(), null);

        HeatGrid grid = new HeatGridBuilder(PartitionMapHistory.empty("users").add(map).add(split), KeyType.STRING,
                Optional.empty()).build(CellSource.of(List.of(withSketch, unsketched, even)), Optional.empty(), Optional.empty());

        assertThat(grid.keys()).isInstanceOf(SegmentKeyAxis.class);
        assertThat(grid.keys().bands()).isEqualTo(4); // segments cut at g, k (revision 1's split) and n
        assertThat(grid.keys().bandText(1)).isEqualTo("[g, k)");
        // p1 [g, n) spreads by its sketch over both of its segments; p0 has one segment
        assertThat(grid.values()[0]).containsExactly(2, 3, 1, 0);
        assertThat(grid.values()[1]).containsExactly(0, 0, 0, 8);
    }

    @Test
    void withoutCellsABoundIsMissing() {
        assertThatThrownBy(() -> builder.build(CellSource.of(List.of()), Optional.of(minute(0)), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the heatmap has no cells of table 'orders' from 2026-11-24T10:00:00Z: nothing to draw"
                        + " (the heatmap job writes them)");
    }

    @Test
    void withBothBoundsAnEmptyHeatmapIsAllNoData() {
        HeatGrid grid = builder.build(CellSource.of(List.of()), Optional.of(minute(0)), Optional.of(minute(10)));

        assertThat(grid.time().columns()).isEqualTo(1);
        assertThat(grid.covered()).containsExactly(false);
        assertThat(grid.max()).isZero();
    }
}
