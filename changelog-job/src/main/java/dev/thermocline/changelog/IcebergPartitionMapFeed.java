package dev.thermocline.changelog;

import dev.thermocline.core.table.TableSpec;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import java.io.Closeable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * The partition maps as {@code partition_map} holds them, read through {@link PartitionMapStore}
 * (revision 0 synthesised from configuration while none is stored). Rereads the histories only
 * when the table has a new snapshot, so a poll is one metadata lookup.
 */
public final class IcebergPartitionMapFeed implements PartitionMapFeed {

    private static final long serialVersionUID = 1L;

    private final CatalogLoader catalogLoader;
    private final String[] namespace;
    private final Map<String, TableSpec> tables;

    private transient Catalog catalog;
    private transient PartitionMapStore store;
    private transient Long seenSnapshot;
    private transient Map<String, PartitionMapHistory> histories;

    public IcebergPartitionMapFeed(CatalogLoader catalogLoader, Namespace namespace, Map<String, TableSpec> tables) {
        this.catalogLoader = Objects.requireNonNull(catalogLoader, "catalogLoader is required.");
        this.namespace = namespace.levels();
        this.tables = new LinkedHashMap<>(tables);
    }

    @Override
    public Map<String, PartitionMapHistory> current() {
        if (catalog == null) {
            catalog = catalogLoader.loadCatalog();
            store = new PartitionMapStore(catalog, Namespace.of(namespace), tables);
        }
        Table table = catalog.loadTable(TableIdentifier.of(Namespace.of(namespace),
                ThermoclineTables.PARTITION_MAP));
        Snapshot snapshot = table.currentSnapshot();
        Long snapshotId = snapshot == null ? null : snapshot.snapshotId();
        if (histories == null || !Objects.equals(snapshotId, seenSnapshot)) {
            Map<String, PartitionMapHistory> loaded = new LinkedHashMap<>();
            for (String t : tables.keySet()) {
                loaded.put(t, store.load(t));
            }
            histories = loaded;
            seenSnapshot = snapshotId;
        }
        return histories;
    }

    @Override
    public void close() throws Exception {
        if (catalog instanceof Closeable closeable) {
            closeable.close();
        }
        catalog = null;
    }
}
