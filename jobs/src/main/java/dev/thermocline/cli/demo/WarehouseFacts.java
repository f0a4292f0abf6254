package dev.thermocline.cli.demo;

import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.io.IOException;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * What the jobs left in the warehouse, as the demo's summary reports it: read from the tables
 * themselves (row counts from snapshot summaries, the heatmap's access counts by a scan), not from
 * what the demo produced, so the summary shows what the product did.
 */
public record WarehouseFacts(long accessesCounted, long heatmapCells, long changelogRows, long deadLetters,
                             long backupRuns, long backupRows) {

    public static WarehouseFacts read(Catalog catalog, Namespace namespace, String table) throws IOException {
        long accesses = 0;
        long cells = 0;
        Table heatmap = catalog.loadTable(TableIdentifier.of(namespace, ThermoclineTables.HEATMAP));
        if (heatmap.currentSnapshot() != null) {
            try (CloseableIterable<Record> rows = IcebergGenerics.read(heatmap).select("access_count")
                    .where(Expressions.equal("table_name", table)).build()) {
                for (Record r : rows) {
                    accesses += (Long) r.getField("access_count");
                    cells++;
                }
            }
        }
        Table backups = catalog.loadTable(TableIdentifier.of(namespace, ThermoclineTables.BACKUPS));
        long runs = 0;
        for (Snapshot ignored : backups.snapshots()) {
            runs++;
        }
        return new WarehouseFacts(accesses, cells, records(catalog, namespace, ThermoclineTables.CHANGELOG),
                records(catalog, namespace, ThermoclineTables.DEAD_LETTERS), runs,
                records(catalog, namespace, ThermoclineTables.BACKUPS));
    }

    private static long records(Catalog catalog, Namespace namespace, String name) {
        Snapshot s = catalog.loadTable(TableIdentifier.of(namespace, name)).currentSnapshot();
        return s == null ? 0 : Long.parseLong(s.summary().getOrDefault("total-records", "0"));
    }
}
