package dev.thermocline.heatmap;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event-time watermarks for accesses: the highest timestamp seen minus the out-of-orderness bound
 * (Flink's bounded-out-of-orderness rule), emitted periodically and also as soon as it has advanced
 * by a step of event time. The step makes lateness a property of the input rather than of timer
 * timing: a record far behind the stream is late no matter how fast the job reads, so replays and
 * tests see the same late records.
 */
public final class AccessWatermarks implements WatermarkGenerator<AccessInPartition> {

    private final long outOfOrdernessMillis;
    private final long stepMillis;
    private long maxTimestamp;
    private long emitted = Long.MIN_VALUE;

    AccessWatermarks(Duration outOfOrderness, Duration step) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.stepMillis = Math.max(1, step.toMillis());
        this.maxTimestamp = Long.MIN_VALUE + outOfOrdernessMillis + 1;
    }

    /**
     * Timestamps from the access, watermarks as above with a step of one second (or a quarter window,
     * if smaller), readers idle after {@code idleTimeout} stop holding the watermark back.
     */
    public static WatermarkStrategy<AccessInPartition> strategy(HeatmapJobOptions options) {
        Duration step = options.window().dividedBy(4).compareTo(Duration.ofSeconds(1)) < 0
                ? options.window().dividedBy(4) : Duration.ofSeconds(1);
        return WatermarkStrategy.<AccessInPartition>forGenerator(ctx -> new AccessWatermarks(options.maxOutOfOrderness(), step))
                .withTimestampAssigner((access, previous) -> access.timestamp())
                .withIdleness(options.idleTimeout());
    }

    @Override
    public void onEvent(AccessInPartition event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp > maxTimestamp) {
            maxTimestamp = eventTimestamp;
            if (emitted == Long.MIN_VALUE || current() - emitted >= stepMillis) {
                emit(output);
            }
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (current() > emitted) {
            emit(output);
        }
    }

    private long current() {
        return maxTimestamp - outOfOrdernessMillis - 1;
    }

    private void emit(WatermarkOutput output) {
        emitted = current();
        output.emitWatermark(new Watermark(emitted));
    }
}
