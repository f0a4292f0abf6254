package dev.thermocline.heatmap;

import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import java.io.Closeable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.flink.CatalogLoader;

/** Reads the histories from the {@code partition_map} table through {@link PartitionMapStore}. */
final class IcebergPartitionMapReader implements PartitionMapReader {

    private static final long serialVersionUID = 1L;

    private final CatalogLoader catalogLoader;
    private final String[] namespace;
    private final Map<String, TableSpec> tables;
    private transient Catalog catalog;
    private transient PartitionMapStore store;

    IcebergPartitionMapReader(CatalogLoader catalogLoader, Namespace namespace, Map<String, TableSpec> tables) {
        this.catalogLoader = catalogLoader;
        this.namespace = namespace.levels();
        this.tables = new LinkedHashMap<>(tables);
    }

    @Override
    public synchronized Map<String, PartitionMapHistory> read() {
        if (store == null) {
            catalog = catalogLoader.loadCatalog();
            store = new PartitionMapStore(catalog, Namespace.of(namespace), tables);
        }
        Map<String, PartitionMapHistory> histories = new HashMap<>();
        for (String table : tables.keySet()) {
            histories.put(table, store.load(table));
        }
        return histories;
    }

    @Override
    public synchronized void close() throws Exception {
        if (catalog instanceof Closeable closeable) {
            closeable.close();
        }
        catalog = null;
        store = null;
    }
}
