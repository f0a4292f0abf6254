package dev.thermocline.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.Test;

class ProgressMarkerTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void reportsTheWatermarkAtEachBarrierUnconstrainedWhenIdleAndTheBoundedEndWithoutEndOfTime() throws Exception {
        try (OneInputStreamOperatorTestHarness<ChangeRecord, RowData> harness =
                     new OneInputStreamOperatorTestHarness<>(new ProgressMarker(BOUND))) {
            harness.open();
            harness.prepareSnapshotPreBarrier(1);                 // nothing seen yet
            harness.processElement(new StreamRecord<>(change(100_000), 100_000));
            harness.processWatermark(new Watermark(69_999));
            harness.prepareSnapshotPreBarrier(2);
            harness.processWatermarkStatus(WatermarkStatus.IDLE);
            harness.prepareSnapshotPreBarrier(3);
            harness.processElement(new StreamRecord<>(change(160_000), 160_000));
            harness.processWatermark(Watermark.MAX_WATERMARK);    // a bounded source's end of time
            harness.endInput();

            List<RowData> rows = harness.extractOutputValues();
            assertThat(rows).extracting(r -> r.getLong(1)).containsExactly(1L, 2L, 3L, Long.MAX_VALUE);
            assertThat(rows).extracting(r -> r.getLong(4))
                    .containsExactly(Long.MIN_VALUE, 69_999L, ProgressMarker.UNCONSTRAINED, 160_000L - 30_000 - 1);
        }
    }

    private static ChangeRecord change(long tsMillis) {
        return new ChangeRecord("orders", Key.of(1), ChangeOp.CREATE, new ChangePosition(tsMillis, 0),
                Instant.ofEpochMilli(tsMillis), "{\"id\":1}");
    }
}
