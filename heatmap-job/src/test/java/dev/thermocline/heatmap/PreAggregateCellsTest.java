package dev.thermocline.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.access.AccessOp;
import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.flink.deadletter.DeadLetters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pre-aggregation operator on Flink's test harness: what it emits, when, and that it keeps no state. */
class PreAggregateCellsTest {

    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");
    private static final HeatmapJobOptions OPTIONS = HeatmapJobOptions.defaults()
            .withWindow(Duration.ofMinutes(1)).withAllowedLateness(Duration.ofMinutes(1)).withMaxBufferedCells(100);
    /** Window [10:00, 10:01) closes downstream at its last millisecond plus the allowed lateness. */
    private static final long CLOSES_AT = T.plus(Duration.ofMinutes(2)).toEpochMilli() - 1;

    private OneInputStreamOperatorTestHarness<AccessInPartition, HeatmapCell> harness;

    @BeforeEach
    void open() throws Exception {
        harness = harness(OPTIONS);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static OneInputStreamOperatorTestHarness<AccessInPartition, HeatmapCell> harness(HeatmapJobOptions options)
            throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new PreAggregateCells(options, Map.of("orders", KeyType.LONG),
                Clock.fixed(T, ZoneOffset.UTC)));
    }

    private void access(long secondsAfterT, String partition, long key) throws Exception {
        long ts = T.plusSeconds(secondsAfterT).toEpochMilli();
        harness.processElement(new AccessInPartition("orders", partition, ts, Key.of(key), AccessOp.READ, List.of("status")), ts);
    }

    @Test
    void countsPerWindowAndPartitionAndEmitsEachCellJustBeforeTheWatermarkThatClosesIt() throws Exception {
        access(5, "p0", 1);
        access(10, "p0", 2);
        access(20, "p1", 70_000);
        access(70, "p0", 3); // next window

        harness.processWatermark(CLOSES_AT - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(CLOSES_AT);
        List<Object> output = new ArrayList<>(harness.getOutput());
        assertThat(output).hasSize(4); // two cells, then both watermarks in order
        assertThat(output.get(0)).isEqualTo(new Watermark(CLOSES_AT - 1));
        assertThat(output.subList(1, 3)).allSatisfy(o -> assertThat(o).isInstanceOf(StreamRecord.class));
        assertThat(output.get(3)).isEqualTo(new Watermark(CLOSES_AT));
        assertThat(harness.extractOutputValues()).extracting(c -> c.partitionKey() + "=" + c.accessCount() + "@" + c.windowStart())
                .containsExactlyInAnyOrder("p0=2@" + T, "p1=1@" + T);
        assertThat(harness.extractOutputStreamRecords()).allSatisfy(r -> assertThat(r.getTimestamp()).isEqualTo(T.toEpochMilli()));
    }

    @Test
    void anAccessOfAClosedWindowIsADeadLetterNamingWhy() throws Exception {
        harness.processWatermark(CLOSES_AT);
        access(59, "p0", 1); // window [10:00, 10:01) is closed
        access(60, "p0", 1); // window [10:01, 10:02) is open

        assertThat(harness.getSideOutput(DeadLetters.TAG)).singleElement().satisfies(r -> {
            DeadLetter letter = r.getValue();
            assertThat(letter.reason()).startsWith("late: event time 2026-11-24T10:00:59Z falls in window "
                    + "[2026-11-24T10:00:00Z, 2026-11-24T10:01:00Z), closed at watermark");
            assertThat(Access.parse(letter.raw(), null).key()).isEqualTo(1);
        });
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(c -> assertThat(c.windowStart()).isEqualTo(T.plusSeconds(60)));
    }

    @Test
    void everythingIsEmittedBeforeACheckpointBarrierSoTheOperatorHasNoStateToRestore() throws Exception {
        access(5, "p0", 1);
        access(6, "p3", 200_000);

        harness.prepareSnapshotPreBarrier(1);
        assertThat(harness.extractOutputValues()).hasSize(2);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);

        try (var restored = harness(OPTIONS)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processWatermark(Long.MAX_VALUE);
            assertThat(restored.extractOutputValues()).as("nothing buffered survives a checkpoint").isEmpty();
        }
    }

    @Test
    void beyondTheBufferLimitItFlushesEarly() throws Exception {
        for (int i = 0; i <= 100; i++) {
            access(5, "p" + i, i);
        }
        assertThat(harness.extractOutputValues()).hasSize(101);
    }
}
