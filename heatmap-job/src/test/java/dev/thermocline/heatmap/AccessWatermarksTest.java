package dev.thermocline.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class AccessWatermarksTest {

    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    };

    @Test
    void trailsTheHighestTimestampByTheBoundAndIsEmittedOnEveryStepOfEventTime() {
        AccessWatermarks w = new AccessWatermarks(Duration.ofSeconds(30), Duration.ofSeconds(1));

        w.onEvent(null, 100_000, output);   // first: emitted at once
        w.onEvent(null, 100_500, output);   // half a step: not yet
        w.onEvent(null, 90_000, output);    // behind: never moves it back
        w.onEvent(null, 101_000, output);   // a full step
        w.onPeriodicEmit(output);           // nothing new
        w.onEvent(null, 101_200, output);
        w.onPeriodicEmit(output);           // catches up between steps

        assertThat(emitted).containsExactly(69_999L, 70_999L, 71_199L);
    }
}
