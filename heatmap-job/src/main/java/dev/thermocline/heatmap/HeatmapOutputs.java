package dev.thermocline.heatmap;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.input.DeadLetter;
import java.util.Objects;

/**
 * Where the heatmap job writes.
 *
 * @param heatmap one final cell per (window, table, partition); exactly once in production (Iceberg)
 * @param deadLetters every record not counted, with its reason: unparseable, invalid, late, future
 */
public record HeatmapOutputs(JobOutput<HeatmapCell> heatmap, JobOutput<DeadLetter> deadLetters) {

    public HeatmapOutputs {
        Objects.requireNonNull(heatmap, "heatmap output is required.");
        Objects.requireNonNull(deadLetters, "deadLetters output is required.");
    }
}
