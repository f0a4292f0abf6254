package dev.thermocline.core.render;

import dev.thermocline.core.heat.HeatmapCell;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * The heatmap cells to draw, read as often as asked: the grid reads them twice (first the extents
 * of time and keys, then the counts), so a large heatmap never has to sit in memory.
 */
@FunctionalInterface
public interface CellSource {

    /** Hands every cell to {@code action}, from the start each time it is called. */
    void forEach(Consumer<HeatmapCell> action);

    static CellSource of(Collection<HeatmapCell> cells) {
        return cells::forEach;
    }
}
