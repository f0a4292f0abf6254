package dev.thermocline.core.repartition;

import static dev.thermocline.core.repartition.SyntheticHeat.hotspot;
import static dev.thermocline.core.repartition.SyntheticHeat.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.PartitionMap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the Flink job relies on: state round trips, adopting foreign maps, and input that must not stop it. */
class RepartitionEngineStateTest {

    private static final PartitionMap MAP = EngineRun.sixteenOrderPartitions();

    @Test
    void serializedStateIsSmallAndRestoresTheSameHeat() throws Exception {
        EngineRun run = new EngineRun(MAP, HeatSettings.defaults(), PlannerSettings.builder().minKeyWidth(64).build(),
                uniform(0, 1_000_000, 4_000).plus(hotspot(500_000, 1_000, 6_000)), 7);
        run.run(30);
        RepartitionEngine engine = run.engine;

        byte[] bytes = serialize(engine);
        RepartitionEngine copy = (RepartitionEngine) new ObjectInputStream(new ByteArrayInputStream(bytes)).readObject();

        int partitions = engine.currentMap().size();
        assertThat(partitions).isGreaterThan(16);
        assertThat(bytes.length).as("%d partitions in %d bytes", partitions, bytes.length).isLessThan(partitions * 8_000);
        assertThat(copy.currentMap()).isEqualTo(engine.currentMap());
        assertThat(copy.intervalsObserved()).isEqualTo(30);
        for (PartitionHeat h : engine.heat().values()) {
            PartitionHeat c = copy.heat().get(h.partitionKey());
            assertThat(c.heat()).isEqualTo(h.heat());
            assertThat(c.trend()).isEqualTo(h.trend());
            assertThat(c.lastChangedInterval()).isEqualTo(h.lastChangedInterval());
            assertThat(c.keys().totalWeight()).isEqualTo(h.keys().totalWeight());
        }
        assertThat(copy.onInterval(List.of(), SyntheticHeat.timeOf(30))).as("the copy keeps working").isNotNull();
    }

    @Test
    void aMapCommittedElsewhereIsAdoptedWithItsHeatSplitBySketch() {
        RepartitionEngine engine = engineAfter(5, uniform(0, 1_000_000, 1_600).plus(hotspot(510_000, 1_000, 1_000)));
        double p8 = engine.heat().get("p8").heat();

        PartitionMap other = engine.currentMap().split("p8", Key.of(531_250), SyntheticHeat.timeOf(5), "someone else");
        engine.adopt(other);

        PartitionHeat left = engine.heat().get("p8");
        PartitionHeat right = engine.heat().get("p16");
        assertThat(engine.currentMap()).isEqualTo(other);
        assertThat(left.heat() + right.heat()).isCloseTo(p8, within(p8 * 1e-9));
        assertThat(left.heat()).as("the hotspot is on the left").isGreaterThan(5 * right.heat());
        assertThat(left.lastChangedInterval()).isEqualTo(4);
        assertThat(engine.heat().get("p7").lastChangedInterval()).as("untouched partitions keep theirs").isZero();
    }

    @Test
    void lateCellsOfARetiredPartitionGoToThePartitionNowCoveringIt() {
        RepartitionEngine engine = engineAfter(3, uniform(0, 1_000_000, 1_600));
        engine.adopt(engine.currentMap().merge(List.of("p3", "p4"), SyntheticHeat.timeOf(3), "someone else"));

        engine.onInterval(List.of(cell("p4", 700, 260_000)), SyntheticHeat.timeOf(4));

        assertThat(engine.heat().get("p3").lastAccesses()).isEqualTo(700);
        assertThat(engine.unattributedAccesses()).isZero();
    }

    @Test
    void lateCellsOfASplitPartitionAreSpreadByTheirSketchNotCreditedToTheLeftPart() {
        RepartitionEngine engine = engineAfter(3, uniform(0, 1_000_000, 1_600));
        // p8 = [500 000, 562 500) splits at 531 250: the left part keeps the id p8, the right one is p16
        engine.adopt(engine.currentMap().split("p8", Key.of(531_250), SyntheticHeat.timeOf(3), "someone else"));

        // a window from before the split, counted under the old p8: 300 accesses left of the cut, 700 right of it
        HeatmapCell late = cell("p8", SyntheticHeat.T0, Map.of(510_000L, 300L, 550_000L, 700L));
        engine.onInterval(List.of(late), SyntheticHeat.timeOf(4));

        assertThat(engine.heat().get("p8").lastAccesses()).isCloseTo(300, within(1e-9));
        assertThat(engine.heat().get("p16").lastAccesses()).isCloseTo(700, within(1e-9));

        // a window after the split names the left part itself: all of it stays there
        HeatmapCell current = cell("p8", SyntheticHeat.timeOf(3), Map.of(520_000L, 400L));
        engine.onInterval(List.of(current), SyntheticHeat.timeOf(5));

        assertThat(engine.heat().get("p8").lastAccesses()).isCloseTo(400, within(1e-9));
        assertThat(engine.heat().get("p16").lastAccesses()).isZero();
        assertThat(engine.unattributedAccesses()).isZero();
    }

    @Test
    void cellsTaggedUnderAMapTheTaggerHadNotUpdatedYetAreSpreadByTheirSketch() {
        RepartitionEngine engine = engineAfter(3, uniform(0, 1_000_000, 1_600));
        engine.adopt(engine.currentMap().split("p8", Key.of(531_250), SyntheticHeat.timeOf(3), "someone else"));

        // a window after the split, but tagged by a heatmap job still on the old map: p8 names the
        // whole old range, and the sketch shows 700 of its accesses right of the cut
        HeatmapCell stale = cell("p8", SyntheticHeat.timeOf(3), Map.of(510_000L, 300L, 550_000L, 700L));
        engine.onInterval(List.of(stale), SyntheticHeat.timeOf(4));

        assertThat(engine.heat().get("p8").lastAccesses()).isCloseTo(300, within(1e-9));
        assertThat(engine.heat().get("p16").lastAccesses()).isCloseTo(700, within(1e-9));
        assertThat(engine.unattributedAccesses()).isZero();
    }

    @Test
    void lateCellsOfAMergedPartitionsSurvivingIdGoWhollyToTheUnion() {
        RepartitionEngine engine = engineAfter(3, uniform(0, 1_000_000, 1_600));
        engine.adopt(engine.currentMap().merge(List.of("p3", "p4"), SyntheticHeat.timeOf(3), "someone else"));

        engine.onInterval(List.of(cell("p3", SyntheticHeat.T0, Map.of(190_000L, 500L))), SyntheticHeat.timeOf(4));

        assertThat(engine.heat().get("p3").lastAccesses()).isCloseTo(500, within(1e-9));
    }

    @Test
    void unknownPartitionsAndUnreadableSketchesAreCountedNotFatal() {
        RepartitionEngine engine = engineAfter(1, uniform(0, 1_000_000, 1_600));
        HeatmapCell garbled = new HeatmapCell(SyntheticHeat.T0, SyntheticHeat.T0.plusSeconds(60), "orders", "p2", 40, 0, 0,
                Map.of(), new byte[] {'K', 1, 'L', 3});

        engine.onInterval(List.of(cell("p999", 25, 5), garbled), SyntheticHeat.timeOf(1));

        assertThat(engine.unattributedAccesses()).isEqualTo(25);
        assertThat(engine.unreadableSketches()).isEqualTo(1);
        assertThat(engine.heat().get("p2").lastAccesses()).isEqualTo(40);
    }

    @Test
    void cellsOfAnotherTableAreRejected() {
        RepartitionEngine engine = new RepartitionEngine(MAP, HeatSettings.defaults(), PlannerSettings.defaults());
        HeatmapCell customers = new HeatmapCell(SyntheticHeat.T0, SyntheticHeat.T0.plusSeconds(60), "customers", "p1", 1,
                0, 0, Map.of(), null);

        assertThatThrownBy(() -> engine.onInterval(List.of(customers), SyntheticHeat.T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("engine of 'orders' got a heatmap cell of 'customers'");
    }

    private static RepartitionEngine engineAfter(int intervals, SyntheticHeat.Load load) {
        // planning is kept out of the way: no table is ever hot enough to plan for
        PlannerSettings frozen = PlannerSettings.builder().minTableHeat(1e18).build();
        RepartitionEngine engine = new RepartitionEngine(MAP, HeatSettings.defaults(), frozen);
        Random rnd = new Random(1);
        for (int t = 0; t < intervals; t++) {
            engine.onInterval(SyntheticHeat.cells(engine.currentMap(), load, t, rnd), SyntheticHeat.timeOf(t));
        }
        return engine;
    }

    private static HeatmapCell cell(String partition, long count, long key) {
        KeySketch sketch = KeySketch.create(KeyType.LONG);
        sketch.update(Key.of(key), count);
        Instant start = SyntheticHeat.T0;
        return new HeatmapCell(start, start.plusSeconds(60), "orders", partition, count, 0, 0, Map.of(), sketch.toBytes());
    }

    private static HeatmapCell cell(String partition, Instant start, Map<Long, Long> countsByKey) {
        KeySketch sketch = KeySketch.create(KeyType.LONG);
        countsByKey.forEach((key, count) -> sketch.update(Key.of(key), count));
        long total = countsByKey.values().stream().mapToLong(Long::longValue).sum();
        return new HeatmapCell(start, start.plusSeconds(60), "orders", partition, total, 0, 0, Map.of(), sketch.toBytes());
    }

    private static byte[] serialize(Object o) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(o);
        }
        return buffer.toByteArray();
    }
}
