package dev.thermocline.core.heat;

import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Heatmap cells summed per partition of one layout. A cell names its partition under the map in
 * force when its window started; where that range is not one of the layout's (split, merged or moved
 * since) the cell is spread over the layout's partitions by its key sketch ({@link CellSpread}).
 * Cells of ids no revision knows are left out.
 */
public final class HeatAttribution {

    private HeatAttribution() {}

    /** Accesses per partition id of {@code layout} (every id present, 0 when none). */
    public static Map<String, Double> accessesByPartition(PartitionMapHistory history, PartitionMap layout,
                                                          List<HeatmapCell> cells) {
        Map<String, Double> out = new LinkedHashMap<>();
        layout.partitions().forEach(p -> out.put(p.partitionKey(), 0.0));
        for (HeatmapCell cell : cells) {
            Optional<KeyRange> range = rangeAt(history, cell);
            if (range.isEmpty()) {
                continue;
            }
            Optional<Partition> same = layout.partition(cell.partitionKey());
            if (same.isPresent() && same.get().range().equals(range.get())) {
                out.merge(cell.partitionKey(), (double) cell.accessCount(), Double::sum);
                continue;
            }
            KeySketchView sketch = sketch(layout, cell);
            CellSpread.shares(sketch, range.get(), layout.partitions())
                    .forEach((p, share) -> out.merge(p.partitionKey(), share * cell.accessCount(), Double::sum));
        }
        return out;
    }

    /** The range the cell's id had when its window started; else the newest range any revision gave it. */
    private static Optional<KeyRange> rangeAt(PartitionMapHistory history, HeatmapCell cell) {
        Optional<Partition> then = history.mapAt(cell.windowStart()).flatMap(m -> m.partition(cell.partitionKey()));
        if (then.isPresent()) {
            return Optional.of(then.get().range());
        }
        List<PartitionMap> revisions = history.revisions();
        for (int i = revisions.size() - 1; i >= 0; i--) {
            Optional<Partition> p = revisions.get(i).partition(cell.partitionKey());
            if (p.isPresent()) {
                return Optional.of(p.get().range());
            }
        }
        return Optional.empty();
    }

    private static KeySketchView sketch(PartitionMap layout, HeatmapCell cell) {
        if (cell.keySketch().length == 0) {
            return null;
        }
        try {
            return KeySketch.fromBytes(layout.keyType(), cell.keySketch()).view();
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }
}
