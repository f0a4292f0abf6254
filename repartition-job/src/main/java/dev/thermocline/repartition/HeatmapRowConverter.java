package dev.thermocline.repartition;

import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.apache.iceberg.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows of the {@code heatmap} table, read with {@link #projection}, into {@link HeatSample}s of the
 * configured tables. A row that does not make a valid cell is skipped, logged and counted
 * ({@code heatmap_rows_skipped}): the heatmap is our own output, but a bad row must not stop planning.
 */
final class HeatmapRowConverter extends RichFlatMapFunction<RowData, HeatSample> {

    /** The heatmap columns the planner reads. */
    static final List<String> COLUMNS =
            List.of("window_start", "window_end", "table_name", "partition_key", "access_count", "key_sketch");

    private static final Logger LOG = LoggerFactory.getLogger(HeatmapRowConverter.class);

    private final Set<String> tables;
    private final int windowStart;
    private final int windowEnd;
    private final int tableName;
    private final int partitionKey;
    private final int accessCount;
    private final int keySketch;
    private transient Counter skipped;

    /** @param projection {@link #projection} of the live table: rows arrive with its columns, in its order */
    HeatmapRowConverter(Set<String> tables, Schema projection) {
        this.tables = Set.copyOf(tables);
        this.windowStart = position(projection, "window_start");
        this.windowEnd = position(projection, "window_end");
        this.tableName = position(projection, "table_name");
        this.partitionKey = position(projection, "partition_key");
        this.accessCount = position(projection, "access_count");
        this.keySketch = position(projection, "key_sketch");
    }

    /**
     * {@link #COLUMNS} of the live table's schema. Its field ids, not a definition's: a created table
     * gets fresh ids (nested ids after all top-level ones), so a definition's {@code key_sketch} id can
     * name another field of the real table.
     */
    static Schema projection(Schema table) {
        return table.select(COLUMNS);
    }

    @Override
    public void open(OpenContext context) {
        skipped = getRuntimeContext().getMetricGroup().counter("heatmap_rows_skipped");
    }

    @Override
    public void flatMap(RowData row, Collector<HeatSample> out) {
        String table = row.getString(tableName).toString();
        if (!tables.contains(table)) {
            return;
        }
        try {
            HeatSample s = new HeatSample();
            s.tableName = table;
            s.partitionKey = row.getString(partitionKey).toString();
            s.windowStart = row.getTimestamp(windowStart, 6).getMillisecond();
            s.windowEnd = row.getTimestamp(windowEnd, 6).getMillisecond();
            s.accessCount = row.getLong(accessCount);
            s.keySketch = row.isNullAt(keySketch) ? new byte[0] : row.getBinary(keySketch);
            s.toCell(); // validates
            out.collect(s);
        } catch (RuntimeException e) {
            skipped.inc();
            LOG.warn("skipping heatmap row of '{}': {}", table, e.getMessage());
        }
    }

    private static int position(Schema schema, String column) {
        int i = schema.columns().indexOf(schema.findField(column));
        if (i < 0) {
            throw new IllegalArgumentException("the heatmap table has no column '" + column + "'");
        }
        return i;
    }
}
