package dev.thermocline.repartition;

import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * The production adapters of the repartition job: the configured catalog (Thermocline's tables created
 * if missing), the {@code heatmap} table as input and {@code partition_map} / {@code split_requests}
 * as output. {@code thermocline run repartition} uses it; tests use it too, on a local warehouse.
 */
public final class RepartitionDeployment {

    private final CatalogSettings catalog;
    private final Namespace namespace;
    private final Map<String, TableSpec> tables;

    public RepartitionDeployment(CatalogSettings catalog, Namespace namespace, Map<String, TableSpec> tables) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is required.");
        this.namespace = Objects.requireNonNull(namespace, "namespace is required.");
        this.tables = Map.copyOf(Objects.requireNonNull(tables, "tables are required."));
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("no tables are configured: the repartition job needs at least one "
                    + "(tables.<name> in thermocline.yaml)");
        }
    }

    public static RepartitionDeployment of(ThermoclineConfig config) {
        return new RepartitionDeployment(config.catalogSettings(), Namespace.of(config.namespace().split("\\.")),
                config.tables());
    }

    /**
     * The job: {@code once} reads the heatmap present and stops after planning it; otherwise it keeps
     * following the heatmap's new snapshots.
     */
    public RepartitionJob job(boolean once, RepartitionOptions options) {
        createTables();
        CatalogLoader loader = IcebergCatalogs.flinkLoader(catalog);
        return new RepartitionJob(
                new IcebergHeatmapInput(loader, TableIdentifier.of(namespace, ThermoclineTables.HEATMAP), tables.keySet(),
                        once, options.monitorInterval()),
                new PlanCommitterFactory(loader, namespace, tables, options.maxCommitAttempts()),
                options);
    }

    private void createTables() {
        Catalog c = IcebergCatalogs.load(catalog);
        try {
            ThermoclineTables.createAll(c, namespace);
        } finally {
            if (c instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("closing catalog " + catalog.name() + " failed", e);
                }
            }
        }
    }
}
