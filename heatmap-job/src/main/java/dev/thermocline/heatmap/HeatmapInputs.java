package dev.thermocline.heatmap;

import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.format.SourceRecord;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.connector.source.Source;

/**
 * What the heatmap job reads.
 *
 * @param accessLog raw access-log records (Kafka, or a JSON-lines file for backfills)
 * @param tables the protected tables: records of any other table are dead letters
 * @param partitionMaps each table's partition-map history as known when the job starts
 * @param partitionMapReader re-reads the histories (from {@code partition_map}) while the job runs
 */
public record HeatmapInputs(
        Source<SourceRecord, ?, ?> accessLog,
        Map<String, TableSpec> tables,
        Map<String, PartitionMapHistory> partitionMaps,
        PartitionMapReader partitionMapReader) {

    public HeatmapInputs {
        Objects.requireNonNull(accessLog, "accessLog source is required.");
        tables = Map.copyOf(Objects.requireNonNull(tables, "tables are required."));
        partitionMaps = Map.copyOf(Objects.requireNonNull(partitionMaps, "partitionMaps are required."));
        Objects.requireNonNull(partitionMapReader, "partitionMapReader is required.");
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("the heatmap job needs at least one configured table");
        }
        for (TableSpec spec : tables.values()) {
            PartitionMapHistory history = partitionMaps.get(spec.name());
            if (history == null || history.isEmpty()) {
                throw new IllegalArgumentException("table '" + spec.name() + "' has no partition-map history");
            }
            if (history.revisions().get(0).keyType() != spec.keyType()) {
                throw new IllegalArgumentException("table '" + spec.name() + "' has " + spec.keyType().configName()
                        + " keys but its partition map has " + history.revisions().get(0).keyType().configName() + " keys");
            }
        }
    }
}
