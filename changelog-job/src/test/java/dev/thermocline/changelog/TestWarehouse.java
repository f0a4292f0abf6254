package dev.thermocline.changelog;

import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.io.CloseableIterable;

/** A real local warehouse with a JDBC (SQLite) catalog and every Thermocline table, for ITCases. */
public final class TestWarehouse implements AutoCloseable {

    public static final Namespace NAMESPACE = ThermoclineTables.DEFAULT_NAMESPACE;
    public static final String ORDERS = "orders";

    private final CatalogSettings settings;
    private final Catalog catalog;
    private final Map<String, TableSpec> specs;

    public TestWarehouse(Path dir, Map<String, TableSpec> specs) {
        this.settings = CatalogSettings.embeddedDefault(dir.resolve("warehouse"));
        this.catalog = IcebergCatalogs.load(settings);
        this.specs = Map.copyOf(specs);
        ThermoclineTables.createAll(catalog, NAMESPACE);
        ThermoclineTables.ensure(catalog, ChangelogTables.progressId(NAMESPACE), ChangelogProgress.table());
    }

    /** {@code orders}: long key {@code id}, 4 equal ranges over [0, 1 000 000) — p0..p3. */
    public static Map<String, TableSpec> orders() {
        return Map.of(ORDERS, new TableSpec(ORDERS, "id", KeyType.LONG,
                new InitialPartitioning.EqualRanges(4, Key.of(0), Key.of(1_000_000))));
    }

    public CatalogSettings settings() {
        return settings;
    }

    public CatalogLoader loader() {
        return IcebergCatalogs.flinkLoader(settings);
    }

    public Catalog catalog() {
        return catalog;
    }

    public Map<String, TableSpec> specs() {
        return specs;
    }

    public Table table(String name) {
        Table t = catalog.loadTable(TableIdentifier.of(NAMESPACE, name));
        t.refresh();
        return t;
    }

    public PartitionMapStore partitionMaps() {
        return new PartitionMapStore(catalog, NAMESPACE, specs);
    }

    public ChangelogTables changelogTables() {
        return ChangelogTables.ensure(loader(), NAMESPACE);
    }

    public IcebergPartitionMapFeed feed() {
        return new IcebergPartitionMapFeed(loader(), NAMESPACE, specs);
    }

    /** Rows in the table's current snapshot (from its summary: no data read). */
    public long rowCount(String name) {
        Snapshot s = table(name).currentSnapshot();
        return s == null ? 0 : Long.parseLong(s.summary().getOrDefault("total-records", "0"));
    }

    /** One {@code changelog} row. */
    public record Logged(String partitionKey, ChangeRecord change) {}

    public List<Logged> readChangelog() {
        List<Logged> rows = new ArrayList<>();
        KeyType type = specs.get(ORDERS).keyType();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table(ThermoclineTables.CHANGELOG)).build()) {
            for (Record r : records) {
                rows.add(new Logged((String) r.getField("partition_key"), new ChangeRecord(
                        (String) r.getField("table_name"), type.parse((String) r.getField("key")),
                        ChangeOp.fromCode((String) r.getField("op")),
                        new ChangePosition((Long) r.getField("lsn"), (Long) r.getField("seq")),
                        ((OffsetDateTime) r.getField("ts")).toInstant(), (String) r.getField("row"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    @Override
    public void close() throws IOException {
        if (catalog instanceof Closeable c) {
            c.close();
        }
    }
}
