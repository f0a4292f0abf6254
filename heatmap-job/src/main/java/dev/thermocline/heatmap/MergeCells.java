package dev.thermocline.heatmap;

import dev.thermocline.core.heat.CellAggregate;
import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.key.KeyType;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.ReduceFunction;

/** Merges two partial cells of one (window, table, partition): counts add up, key sketches merge. */
final class MergeCells implements ReduceFunction<HeatmapCell> {

    private static final long serialVersionUID = 1L;

    private final Map<String, KeyType> keyTypes;

    MergeCells(Map<String, KeyType> keyTypes) {
        this.keyTypes = new HashMap<>(keyTypes);
    }

    @Override
    public HeatmapCell reduce(HeatmapCell a, HeatmapCell b) {
        KeyType keyType = keyTypes.get(a.tableName());
        CellAggregate total = CellAggregate.of(a, keyType);
        total.merge(CellAggregate.of(b, keyType));
        return total.toCell(a.windowStart(), a.windowEnd(), a.tableName(), a.partitionKey());
    }
}
