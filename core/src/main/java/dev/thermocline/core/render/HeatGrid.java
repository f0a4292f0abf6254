package dev.thermocline.core.render;

import java.util.List;
import java.util.Map;

/**
 * A heatmap resampled onto the picture's grid: accesses per (time column, key band), which columns
 * have any cell at all, each column's partitions with their counts (for hover text) and the
 * revisions in force over the span. Built by {@link HeatGridBuilder}.
 *
 * @param values accesses per {@code [column][band]}
 * @param covered per column: whether any cell overlaps it (an uncovered column is "no data", not 0)
 * @param partitions per column: its partitions' counts by partition id, lowest range first
 * @param cells how many heatmap cells were drawn
 * @param unknownPartitions ids of cells skipped because no revision has that partition
 */
public record HeatGrid(String table, TimeAxis time, KeyAxis keys, double[][] values, boolean[] covered,
                       List<Map<String, PartitionShare>> partitions, List<RevisionSpan> revisions, long cells,
                       List<String> unknownPartitions) {

    /** The largest value of any grid cell (0 when nothing was accessed). */
    public double max() {
        double max = 0;
        for (double[] column : values) {
            for (double v : column) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    public double value(int column, int band) {
        return values[column][band];
    }
}
