package dev.thermocline.heatmap;

import dev.thermocline.core.heat.HeatmapCell;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The key of the heatmap windows: one partition of one table. */
public record CellId(String tableName, String partitionKey) {

    static CellId of(HeatmapCell cell) {
        return new CellId(cell.tableName(), cell.partitionKey());
    }

    static TypeInformation<CellId> typeInfo() {
        return TypeInformation.of(CellId.class);
    }
}
