package dev.thermocline.heatmap;

import dev.thermocline.core.heat.HeatmapCell;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/**
 * {@link HeatmapCell} ↔ rows of the {@code heatmap} table: Flink {@link RowData} for the sink, Iceberg
 * generic {@link Record}s for reading it back and for the roll-up's rewrite. Column order is the
 * table's ({@code ThermoclineTables.heatmap()}).
 */
public final class HeatmapRows {

    private HeatmapRows() {}

    public static RowData toRowData(HeatmapCell cell) {
        Map<StringData, Long> columns = new HashMap<>();
        cell.columnCounts().forEach((column, count) -> columns.put(StringData.fromString(column), count));
        return GenericRowData.of(
                TimestampData.fromInstant(cell.windowStart()),
                TimestampData.fromInstant(cell.windowEnd()),
                StringData.fromString(cell.tableName()),
                StringData.fromString(cell.partitionKey()),
                cell.accessCount(),
                cell.readCount(),
                cell.writeCount(),
                new GenericMapData(columns),
                cell.keySketch());
    }

    public static Record toRecord(Schema schema, HeatmapCell cell) {
        GenericRecord r = GenericRecord.create(schema);
        r.setField("window_start", OffsetDateTime.ofInstant(cell.windowStart(), ZoneOffset.UTC));
        r.setField("window_end", OffsetDateTime.ofInstant(cell.windowEnd(), ZoneOffset.UTC));
        r.setField("table_name", cell.tableName());
        r.setField("partition_key", cell.partitionKey());
        r.setField("access_count", cell.accessCount());
        r.setField("read_count", cell.readCount());
        r.setField("write_count", cell.writeCount());
        r.setField("column_counts", new HashMap<>(cell.columnCounts()));
        r.setField("key_sketch", ByteBuffer.wrap(cell.keySketch()));
        return r;
    }

    @SuppressWarnings("unchecked")
    public static HeatmapCell fromRecord(Record r) {
        Object sketch = r.getField("key_sketch");
        byte[] bytes = new byte[0];
        if (sketch instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            bytes = new byte[copy.remaining()];
            copy.get(bytes);
        }
        return new HeatmapCell(
                ((OffsetDateTime) r.getField("window_start")).toInstant(),
                ((OffsetDateTime) r.getField("window_end")).toInstant(),
                (String) r.getField("table_name"),
                (String) r.getField("partition_key"),
                (Long) r.getField("access_count"),
                (Long) r.getField("read_count"),
                (Long) r.getField("write_count"),
                (Map<String, Long>) r.getField("column_counts"),
                bytes);
    }
}
