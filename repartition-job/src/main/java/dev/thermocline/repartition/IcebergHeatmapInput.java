package dev.thermocline.repartition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.source.IcebergSource;
import org.apache.iceberg.flink.source.StreamingStartingStrategy;

/**
 * The {@code heatmap} table through Iceberg's FLIP-27 {@link IcebergSource}: bounded, the snapshot
 * current at start ({@code --once}); unbounded, that snapshot and then every appended snapshot,
 * checked every {@code monitorInterval}. The enumerator keeps the last snapshot planned in its
 * checkpointed state, so a restart neither re-reads nor skips cells; only appends are read
 * (the heatmap roll-up's rewrites are skipped, their cells were read when first appended). Each data
 * file is one split and splits are handed out in {@code window_end} order, so even a first read of a
 * long heatmap arrives nearly in event-time order. Only the configured tables' partitions are read.
 */
public final class IcebergHeatmapInput implements HeatmapInput {

    private static final long SPLIT_BYTES = 128L << 20;

    private final CatalogLoader catalog;
    private final TableIdentifier table;
    private final Set<String> tables;
    private final boolean bounded;
    private final Duration monitorInterval;

    public IcebergHeatmapInput(CatalogLoader catalog, TableIdentifier table, Set<String> tables, boolean bounded,
                               Duration monitorInterval) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is required.");
        this.table = Objects.requireNonNull(table, "table is required.");
        this.tables = Set.copyOf(tables);
        this.bounded = bounded;
        this.monitorInterval = Objects.requireNonNull(monitorInterval, "monitorInterval is required.");
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("the repartition job needs at least one table");
        }
    }

    @Override
    public DataStream<HeatSample> read(StreamExecutionEnvironment env) {
        TableLoader loader = TableLoader.fromCatalog(catalog, table);
        Schema projection = projection(loader);
        IcebergSource<RowData> source = IcebergSource.forRowData()
                .tableLoader(loader)
                .filters(List.of(Expressions.in("table_name", tables.toArray())))
                .streaming(!bounded)
                .streamingStartingStrategy(StreamingStartingStrategy.TABLE_SCAN_THEN_INCREMENTAL)
                .monitorInterval(monitorInterval)
                .project(projection)
                .watermarkColumn("window_end")
                // a file costs a whole split: no bin-packing of small files from different windows into one
                // split (read in any order), so the window_end order of the splits is the order cells arrive in
                .splitSize(SPLIT_BYTES)
                .splitOpenFileCost(SPLIT_BYTES)
                .build();
        // the heatmap holds cells, not accesses: one reader keeps up and keeps the split order
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "heatmap",
                        InternalTypeInfo.of(FlinkSchemaUtil.convert(projection)))
                .uid("heatmap-source").setParallelism(1)
                .flatMap(new HeatmapRowConverter(tables, projection)).name("heatmap-cells").uid("heatmap-cells").setParallelism(1);
    }

    private static Schema projection(TableLoader loader) {
        try (TableLoader open = loader.clone()) {
            open.open();
            return HeatmapRowConverter.projection(open.loadTable().schema());
        } catch (IOException e) {
            throw new UncheckedIOException("closing the loader of the heatmap table failed", e);
        }
    }

    @Override
    public boolean bounded() {
        return bounded;
    }
}
