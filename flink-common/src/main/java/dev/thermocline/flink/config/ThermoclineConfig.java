package dev.thermocline.flink.config;

import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.CatalogType;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Thermocline's configuration: where the Iceberg tables live, which catalog and Kafka to use, and the
 * protected tables. Every option, with its default, environment variable and flag, is listed once in
 * {@link ConfigOption}. The file's shape:
 *
 * <pre>{@code
 * warehouse: ./warehouse                 # local directory or s3://bucket/prefix
 * namespace: thermocline
 * catalog: {type: jdbc, properties: {}}  # jdbc | rest | glue | hadoop, + Iceberg catalog properties
 * kafka: {bootstrap-servers: localhost:9092, properties: {},
 *         topics: {access: access-log, changes: changes, dead-letter: thermocline-dead-letters}}
 * tables:
 *   orders: {key: id, key-type: long, key-domain: [0, 1000000], initial-partitions: 16}  # or boundaries: [..]
 * heatmap: {window: 1m, max-out-of-orderness: 30s, allowed-lateness: 1m, dead-letters: auto,
 *           retention: [1m:6h, 10m:4d, 1h:28d], ...}
 * }</pre>
 *
 * <p>Loaded by {@link #load} with the precedence defaults &lt; file &lt; environment &lt; flags (see
 * {@link ConfigSources}); the embedded default needs none of it.
 *
 * @param warehouse an absolute local path, or a URI such as {@code s3://bucket/prefix} as given
 * @param namespace the Iceberg namespace of Thermocline's tables
 * @param catalogType the Iceberg catalog implementation
 * @param catalogProperties Iceberg catalog properties passed through
 * @param kafka brokers (or the embedded broker), client properties, topics
 * @param tables the protected tables by name, in the order they were configured
 * @param heatmap the heatmap job's settings ({@code heatmap.*})
 * @param configFile the file that was read, or null when none was
 * @param backup the {@code backup.*} options: due thresholds and retention
 * @param repartition the {@code repartition.*} options: interval and planner settings
 */
public record ThermoclineConfig(String warehouse, String namespace, CatalogType catalogType,
                                Map<String, String> catalogProperties, KafkaConfig kafka,
                                Map<String, TableSpec> tables, HeatmapConfig heatmap, Path configFile,
                                BackupConfig backup, RepartitionConfig repartition) {

    public ThermoclineConfig {
        Objects.requireNonNull(warehouse, "warehouse is required.");
        Objects.requireNonNull(namespace, "namespace is required.");
        Objects.requireNonNull(catalogType, "catalogType is required.");
        catalogProperties = Collections.unmodifiableMap(new LinkedHashMap<>(catalogProperties));
        Objects.requireNonNull(kafka, "kafka is required.");
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        Objects.requireNonNull(heatmap, "heatmap is required.");
        Objects.requireNonNull(backup, "backup is required.");
        Objects.requireNonNull(repartition, "repartition is required.");
    }

    /** Loads and validates; a {@link ConfigException} names the offending key, value and source. */
    public static ThermoclineConfig load(ConfigSources sources) {
        return ConfigLoader.load(sources);
    }

    /**
     * The built-in defaults alone (no file, no environment): warehouse {@code ./warehouse} under
     * {@code workingDirectory}, a JDBC catalog on SQLite there, the embedded Kafka broker, no tables.
     */
    public static ThermoclineConfig defaults(Path workingDirectory) {
        return ConfigLoader.defaults(workingDirectory);
    }

    /** The configured table, or a {@link ConfigException} naming it and the tables that are configured. */
    public TableSpec table(String name) {
        TableSpec spec = tables.get(name);
        if (spec == null) {
            throw new ConfigException("table '" + name + "' is not configured; "
                    + (tables.isEmpty() ? "no tables are configured (add tables." + name + " to " + ConfigOption.DEFAULT_FILE_NAME + ")"
                            : "configured tables: " + String.join(", ", tables.keySet())));
        }
        return spec;
    }

    /**
     * The Iceberg catalog to use, named {@value CatalogSettings#DEFAULT_NAME}. A JDBC catalog
     * without a {@code uri} property is the embedded default: a SQLite file
     * ({@value CatalogSettings#EMBEDDED_DATABASE_FILE}) in the (local) warehouse. Validated when the
     * configuration is loaded, so this does not throw for a loaded configuration.
     */
    public CatalogSettings catalogSettings() {
        if (catalogType == CatalogType.JDBC && !catalogProperties.containsKey("uri")) {
            if (warehouse.contains("://")) {
                throw new IllegalArgumentException("a jdbc catalog on warehouse '" + warehouse
                        + "' needs catalog.properties.uri (the SQLite default needs a local warehouse)");
            }
            return CatalogSettings.jdbcOnSqlite(CatalogSettings.DEFAULT_NAME,
                    Path.of(warehouse).resolve(CatalogSettings.EMBEDDED_DATABASE_FILE), warehouse, catalogProperties);
        }
        return new CatalogSettings(CatalogSettings.DEFAULT_NAME, catalogType.id(), warehouse, catalogProperties);
    }
}
