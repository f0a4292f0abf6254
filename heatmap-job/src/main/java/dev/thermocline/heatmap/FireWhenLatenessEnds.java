package dev.thermocline.heatmap;

import java.time.Duration;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires a window once, when the watermark passes its end plus the allowed lateness, and purges it.
 * Every heatmap cell is then written exactly once and final: no early result followed by
 * corrections, so the {@code heatmap} table stays append-only with one row per cell.
 */
final class FireWhenLatenessEnds extends Trigger<Object, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final long allowedLatenessMillis;

    FireWhenLatenessEnds(Duration allowedLateness) {
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    private long fireAt(TimeWindow window) {
        return window.maxTimestamp() + allowedLatenessMillis;
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx) {
        ctx.registerEventTimeTimer(fireAt(window));
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) {
        return time == fireAt(window) ? TriggerResult.FIRE_AND_PURGE : TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) {
        ctx.deleteEventTimeTimer(fireAt(window));
    }

    @Override
    public String toString() {
        return "FireWhenLatenessEnds(" + Duration.ofMillis(allowedLatenessMillis) + ")";
    }
}
