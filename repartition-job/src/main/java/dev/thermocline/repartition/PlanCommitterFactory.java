package dev.thermocline.repartition;

import dev.thermocline.core.table.TableSpec;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.flink.CatalogLoader;

/** Opens a {@link PlanCommitter} on each Flink task: the catalog loader and tables travel, the catalog does not. */
public final class PlanCommitterFactory implements Serializable {

    private static final long serialVersionUID = 1L;

    private final CatalogLoader catalog;
    private final String[] namespace;
    private final Map<String, TableSpec> tables;
    private final int maxCommitAttempts;

    public PlanCommitterFactory(CatalogLoader catalog, Namespace namespace, Map<String, TableSpec> tables,
                                int maxCommitAttempts) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is required.");
        this.namespace = namespace.levels();
        this.tables = new LinkedHashMap<>(tables);
        this.maxCommitAttempts = maxCommitAttempts;
    }

    public PlanCommitter open() {
        return new PlanCommitter(catalog.loadCatalog(), Namespace.of(namespace), tables,
                maxCommitAttempts);
    }
}
