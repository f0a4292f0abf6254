package dev.thermocline.cli.partitionmap;

import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/** Sums heatmap cells per partition over a time span, reading only the cells the filter selects. */
final class RecentHeat {

    private final Catalog catalog;
    private final Namespace namespace;

    RecentHeat(Catalog catalog, Namespace namespace) {
        this.catalog = catalog;
        this.namespace = namespace;
    }

    /** Access counts of cells whose window ends in (from, to]. */
    Map<String, Long> accessesByPartition(String table, Instant from, Instant to) {
        Table heatmap = catalog.loadTable(TableIdentifier.of(namespace, ThermoclineTables.HEATMAP));
        Map<String, Long> sums = new HashMap<>();
        if (heatmap.currentSnapshot() == null) {
            return sums;
        }
        try (CloseableIterable<Record> cells = IcebergGenerics.read(heatmap)
                .select("partition_key", "access_count", "window_end")
                .where(Expressions.and(Expressions.equal("table_name", table),
                        Expressions.greaterThan("window_end", micros(from)),
                        Expressions.lessThanOrEqual("window_end", micros(to))))
                .build()) {
            for (Record r : cells) {
                sums.merge((String) r.getField("partition_key"), (Long) r.getField("access_count"), Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the heatmap failed", e);
        }
        return sums;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
