package dev.thermocline.backup;

import dev.thermocline.core.heat.HeatAttribution;
import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * A partition's heat for the restore-cost trigger: the accesses of the hour before the cutoff, from
 * the {@code heatmap} table (only that hour's cells are read), attributed to the backup layout's
 * partitions by {@link HeatAttribution}. No heatmap yet = no heat.
 */
final class RecentHeat {

    static final Duration WINDOW = Duration.ofHours(1);

    private RecentHeat() {}

    /** Accesses per hour by partition id of {@code layout}. */
    static Map<String, Double> accessesPerHour(Catalog catalog, Namespace namespace, PartitionMapHistory history,
                                               PartitionMap layout, Instant cutoff) {
        TableIdentifier id = TableIdentifier.of(namespace, ThermoclineTables.HEATMAP);
        if (!catalog.tableExists(id)) {
            return HeatAttribution.accessesByPartition(history, layout, List.of());
        }
        Table heatmap = catalog.loadTable(id);
        List<HeatmapCell> cells = new ArrayList<>();
        if (heatmap.currentSnapshot() != null) {
            try (CloseableIterable<Record> rows = IcebergGenerics.read(heatmap)
                    .select("window_start", "window_end", "table_name", "partition_key", "access_count", "key_sketch")
                    .where(Expressions.and(Expressions.equal("table_name", layout.tableName()),
                            Expressions.greaterThan("window_end", micros(cutoff.minus(WINDOW))),
                            Expressions.lessThanOrEqual("window_end", micros(cutoff))))
                    .build()) {
                for (Record r : rows) {
                    cells.add(cell(r));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + heatmap.name() + " failed", e);
            }
        }
        return HeatAttribution.accessesByPartition(history, layout, cells);
    }

    private static HeatmapCell cell(Record r) {
        ByteBuffer sketch = (ByteBuffer) r.getField("key_sketch");
        byte[] bytes = new byte[sketch == null ? 0 : sketch.remaining()];
        if (sketch != null) {
            sketch.duplicate().get(bytes);
        }
        return new HeatmapCell(((OffsetDateTime) r.getField("window_start")).toInstant(),
                ((OffsetDateTime) r.getField("window_end")).toInstant(), (String) r.getField("table_name"),
                (String) r.getField("partition_key"), (Long) r.getField("access_count"), 0, 0, Map.of(), bytes);
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
