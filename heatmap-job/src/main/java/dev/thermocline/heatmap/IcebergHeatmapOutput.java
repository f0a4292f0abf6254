package dev.thermocline.heatmap;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.flink.iceberg.CheckpointCommitGuard;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.util.Objects;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.FlinkSink;

/**
 * Cells into the Iceberg {@code heatmap} table with Iceberg's {@link FlinkSink}: data files are
 * written continuously and committed once per checkpoint, and the committer skips checkpoints already
 * committed ({@code flink.max-committed-checkpoint-id}), so a restart never writes a cell twice; the
 * table is loaded through {@link CheckpointCommitGuard} so that holds even when a commit lands after
 * its client gave up (Iceberg #14425).
 */
public final class IcebergHeatmapOutput implements JobOutput<HeatmapCell> {

    private final CatalogLoader catalog;
    private final TableIdentifier table;

    public IcebergHeatmapOutput(CatalogLoader catalog, TableIdentifier table) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is required.");
        this.table = Objects.requireNonNull(table, "table is required.");
    }

    @Override
    public void attach(DataStream<HeatmapCell> cells) {
        DataStream<RowData> rows = cells
                .map(HeatmapRows::toRowData)
                .returns(InternalTypeInfo.of(FlinkSchemaUtil.convert(ThermoclineTables.heatmap().schema())))
                .name("heatmap-rows").uid("heatmap-rows");
        FlinkSink.forRowData(rows)
                .tableLoader(TableLoader.fromCatalog(CheckpointCommitGuard.guard(catalog), table))
                .uidPrefix("heatmap-sink")
                .append();
    }
}
