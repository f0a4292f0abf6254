package dev.thermocline.repartition;

import static dev.thermocline.repartition.SyntheticHeatmap.windowEnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.partition.PartitionMap;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyed function in an operator harness (real catalog): intervals, late cells, idle intervals, state and timers. */
class RepartitionFunctionTest {

    private static final PartitionMap INITIAL = PartitionMap.initial(TestWarehouse.ORDERS, Instant.EPOCH);

    @TempDir
    Path dir;

    @Test
    void plansEachIntervalOnceWatermarksPassItAndLeavesNoCellsOrTimersBehind() throws Exception {
        TestWarehouse warehouse = new TestWarehouse(dir);
        try (KeyedOneInputStreamOperatorTestHarness<String, HeatSample, PlanRound> harness = harness(warehouse)) {
            harness.open();
            cells(harness, 0);
            cells(harness, 1);
            harness.processWatermark(new Watermark(windowEnd(0).toEpochMilli()));
            assertThat(rounds(harness)).extracting(r -> r.intervalEnd).containsExactly(windowEnd(0).toEpochMilli());

            cells(harness, 0); // late: interval 0 is planned, so it counts in interval 1
            cells(harness, 4); // intervals 2 and 3 have no cells
            harness.processWatermark(new Watermark(windowEnd(4).toEpochMilli()));

            assertThat(rounds(harness)).extracting(r -> r.intervalEnd).containsExactly(
                    windowEnd(0).toEpochMilli(), windowEnd(1).toEpochMilli(), windowEnd(2).toEpochMilli(),
                    windowEnd(3).toEpochMilli(), windowEnd(4).toEpochMilli());
            assertThat(rounds(harness)).extracting(r -> r.accesses).containsExactly(800L, 1600L, 0L, 0L, 800L);
            assertThat(rounds(harness)).extracting(r -> r.intervalIndex).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(harness.numKeyedStateEntries()).as("engine, last planned interval, newest window end; no pending cells")
                    .isEqualTo(3);
        }
    }

    @Test
    void aRestoredSnapshotResumesWithTheSameEngineAndPendingCells() throws Exception {
        TestWarehouse warehouse = new TestWarehouse(dir);
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, HeatSample, PlanRound> harness = harness(warehouse)) {
            harness.open();
            cells(harness, 0);
            cells(harness, 1);
            harness.processWatermark(new Watermark(windowEnd(0).toEpochMilli()));
            snapshot = harness.snapshot(1, 1);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, HeatSample, PlanRound> restored = harness(warehouse)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processWatermark(new Watermark(windowEnd(1).toEpochMilli()));

            assertThat(rounds(restored)).extracting(r -> r.intervalEnd, r -> r.intervalIndex, r -> r.accesses)
                    .as("interval 1's cells came back with the state; the engine continues at interval 1")
                    .containsExactly(tuple(windowEnd(1).toEpochMilli(), 1L, 800L));
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, HeatSample, PlanRound> harness(TestWarehouse warehouse)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RepartitionFunction(warehouse.committers(), RepartitionOptions.defaults())),
                cell -> cell.tableName, Types.STRING);
    }

    private static void cells(KeyedOneInputStreamOperatorTestHarness<String, HeatSample, PlanRound> harness, int w)
            throws Exception {
        for (HeatmapCell cell : SyntheticHeatmap.window(w, INITIAL, null)) {
            harness.processElement(new StreamRecord<>(HeatSample.of(cell), cell.windowEnd().toEpochMilli()));
        }
    }

    private static List<PlanRound> rounds(KeyedOneInputStreamOperatorTestHarness<String, HeatSample, PlanRound> harness) {
        return harness.extractOutputValues();
    }
}
