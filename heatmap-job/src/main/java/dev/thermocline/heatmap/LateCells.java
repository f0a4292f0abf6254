package dev.thermocline.heatmap;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.input.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * A partial cell the window operator found late: accesses {@link PreAggregateCells} accepted as on
 * time but the window had already fired, which can only happen when a reader comes back from idle
 * behind the others. They are not dropped silently: each becomes a dead letter naming the cell and its
 * counts, and {@code cells_late} counts them.
 */
final class LateCells extends RichMapFunction<HeatmapCell, DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final Clock clock;
    private transient Counter lateCells;

    LateCells(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void open(OpenContext openContext) {
        lateCells = getRuntimeContext().getMetricGroup().counter("cells_late");
    }

    @Override
    public DeadLetter map(HeatmapCell cell) {
        lateCells.inc();
        String summary = "{\"window_start\":\"" + cell.windowStart() + "\",\"table_name\":\"" + cell.tableName()
                + "\",\"partition_key\":\"" + cell.partitionKey() + "\",\"access_count\":" + cell.accessCount() + "}";
        return new DeadLetter("heatmap:" + cell.tableName(), "late cell: " + cell.accessCount()
                + " accesses of window " + cell.windowStart() + " arrived after it was written (reader was idle)",
                summary.getBytes(StandardCharsets.UTF_8), clock.instant());
    }
}
