package dev.thermocline.repartition;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.iceberg.GenericRowsWriter;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/** A real local warehouse (JDBC/SQLite catalog) with Thermocline's tables and one table {@code orders}. */
final class TestWarehouse {

    /** Long keys [0, 1 000 000) in 8 initial partitions of 125 000. */
    static final TableSpec ORDERS = new TableSpec("orders", "id", KeyType.LONG,
            new InitialPartitioning.EqualRanges(8, Key.of(0), Key.of(SyntheticHeatmap.DOMAIN)));

    final Path dir;
    final CatalogSettings settings;
    final Catalog catalog;

    TestWarehouse(Path dir) {
        this.dir = dir;
        this.settings = CatalogSettings.embeddedDefault(dir);
        this.catalog = IcebergCatalogs.load(settings);
        ThermoclineTables.createAll(catalog, ThermoclineTables.DEFAULT_NAMESPACE);
    }

    Map<String, TableSpec> tables() {
        return Map.of("orders", ORDERS);
    }

    PartitionMapStore store() {
        return new PartitionMapStore(catalog, ThermoclineTables.DEFAULT_NAMESPACE, tables());
    }

    PartitionMapHistory history() {
        return store().load("orders");
    }

    PlanCommitter committer() {
        return new PlanCommitter(IcebergCatalogs.load(settings), ThermoclineTables.DEFAULT_NAMESPACE, tables(), 3);
    }

    PlanCommitterFactory committers() {
        return new PlanCommitterFactory(IcebergCatalogs.flinkLoader(settings), ThermoclineTables.DEFAULT_NAMESPACE,
                tables(), 3);
    }

    Table table(String name) {
        Table t = catalog.loadTable(TableIdentifier.of(ThermoclineTables.DEFAULT_NAMESPACE, name));
        t.refresh();
        return t;
    }

    /** Appends {@code cells} to {@code heatmap} in one snapshot, as the heatmap job's sink would. */
    void writeHeatmap(List<HeatmapCell> cells) {
        Table heatmap = table(ThermoclineTables.HEATMAP);
        List<Record> rows = new ArrayList<>();
        for (HeatmapCell c : cells) {
            GenericRecord r = GenericRecord.create(heatmap.schema());
            r.setField("window_start", OffsetDateTime.ofInstant(c.windowStart(), ZoneOffset.UTC));
            r.setField("window_end", OffsetDateTime.ofInstant(c.windowEnd(), ZoneOffset.UTC));
            r.setField("table_name", c.tableName());
            r.setField("partition_key", c.partitionKey());
            r.setField("access_count", c.accessCount());
            r.setField("read_count", c.readCount());
            r.setField("write_count", c.writeCount());
            r.setField("column_counts", new HashMap<>(c.columnCounts()));
            r.setField("key_sketch", ByteBuffer.wrap(c.keySketch()));
            rows.add(r);
        }
        AppendFiles append = heatmap.newAppend();
        GenericRowsWriter.write(heatmap, rows).forEach(append::appendFile);
        append.commit();
    }

    /** Writes window {@code w} with each access in the partition that the stored history has in force at its start. */
    PartitionMap writeWindow(int w, SyntheticHeatmap.Hotspot hotspot) {
        PartitionMap map = history().mapAt(SyntheticHeatmap.windowStart(w)).orElseThrow();
        writeHeatmap(SyntheticHeatmap.window(w, map, hotspot));
        return map;
    }

    /** One split_requests row: (revision, kind, partition_key, split_point, new_partition_key, merged_keys, decided_at). */
    record SplitRequestRow(long revision, String kind, String partitionKey, String splitPoint, String newPartitionKey,
                           List<String> mergedKeys, Instant decidedAt) {}

    @SuppressWarnings("unchecked")
    List<SplitRequestRow> splitRequests() {
        Table t = table(ThermoclineTables.SPLIT_REQUESTS);
        List<SplitRequestRow> rows = new ArrayList<>();
        if (t.currentSnapshot() == null) {
            return rows;
        }
        try (CloseableIterable<Record> records = IcebergGenerics.read(t).build()) {
            for (Record r : records) {
                rows.add(new SplitRequestRow((Long) r.getField("revision"), (String) r.getField("kind"),
                        (String) r.getField("partition_key"), (String) r.getField("split_point"),
                        (String) r.getField("new_partition_key"), (List<String>) r.getField("merged_keys"),
                        ((OffsetDateTime) r.getField("decided_at")).toInstant()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** A split_requests row's evidence. */
    record Evidence(long revision, String partitionKey, Double heat, Double forecast, String cluster, Double heatShare,
                    Double forecastShare, List<Double> childShares, String explanation) {}

    @SuppressWarnings("unchecked")
    List<Evidence> splitRequestEvidence() {
        List<Evidence> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table(ThermoclineTables.SPLIT_REQUESTS)).build()) {
            for (Record r : records) {
                rows.add(new Evidence((Long) r.getField("revision"), (String) r.getField("partition_key"),
                        (Double) r.getField("heat"), (Double) r.getField("forecast"), (String) r.getField("cluster"),
                        (Double) r.getField("heat_share"), (Double) r.getField("forecast_share"),
                        (List<Double>) r.getField("child_shares"), (String) r.getField("explanation")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The {@code thermocline.revision} of each snapshot of {@code table}, oldest first. */
    List<String> snapshotRevisions(String table) {
        List<String> revisions = new ArrayList<>();
        for (Snapshot s : table(table).snapshots()) {
            revisions.add(s.summary().get(PartitionMapStore.SUMMARY_REVISION));
        }
        return revisions;
    }
}
