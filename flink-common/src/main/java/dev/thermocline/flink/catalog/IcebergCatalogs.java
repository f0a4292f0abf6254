package dev.thermocline.flink.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.flink.table.api.TableEnvironment;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkCatalogFactory;

/**
 * Turns {@link CatalogSettings} into a live Iceberg {@link Catalog}, a serializable Flink
 * {@link CatalogLoader} for sinks and sources, or a Flink SQL catalog.
 */
public final class IcebergCatalogs {

    private static final String SQLITE_PREFIX = "jdbc:sqlite:";

    private IcebergCatalogs() {}

    /** A ready catalog (the caller closes it if it is {@code Closeable}, e.g. JDBC's connection pool). */
    public static Catalog load(CatalogSettings settings) {
        createLocalDirectories(settings);
        try {
            return flinkLoader(settings).loadCatalog();
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("catalog '" + settings.name() + "' of type " + settings.type()
                    + " cannot be loaded: a class it needs is not on the classpath (" + e.getMessage() + ")", e);
        }
    }

    /** For {@code FlinkSink}/{@code IcebergSink}/{@code IcebergSource}: serializable, loads the catalog on each task. */
    public static CatalogLoader flinkLoader(CatalogSettings settings) {
        createLocalDirectories(settings);
        return CatalogLoader.custom(settings.name(), settings.icebergProperties(), hadoopConf(),
                settings.catalogType().implementation());
    }

    /** The options of {@code CREATE CATALOG <name> WITH (...)} for Iceberg's Flink catalog. */
    public static Map<String, String> flinkSqlOptions(CatalogSettings settings) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("type", FlinkCatalogFactory.FACTORY_IDENTIFIER);
        options.put("catalog-impl", settings.catalogType().implementation());
        options.putAll(settings.icebergProperties());
        return options;
    }

    /** {@code CREATE CATALOG IF NOT EXISTS `name` WITH ('type'='iceberg', …)}, quoted for Flink SQL. */
    public static String createCatalogStatement(CatalogSettings settings) {
        String options = flinkSqlOptions(settings).entrySet().stream()
                .map(e -> quote(e.getKey()) + " = " + quote(e.getValue()))
                .collect(Collectors.joining(", "));
        return "CREATE CATALOG IF NOT EXISTS `" + settings.name() + "` WITH (" + options + ")";
    }

    /**
     * Registers the catalog in {@code tableEnv} under its name. Queries must still
     * {@code USE CATALOG} it (or qualify names fully), else errors name the wrong catalog.
     */
    public static void register(TableEnvironment tableEnv, CatalogSettings settings) {
        tableEnv.executeSql(createCatalogStatement(settings));
    }

    /**
     * Hadoop configuration for HadoopFileIO on local warehouses (S3FileIO ignores it). Defaults
     * only: no cluster config files are looked up.
     */
    static Configuration hadoopConf() {
        return new Configuration();
    }

    /**
     * A fresh embedded setup must just work: SQLite cannot create its file in a missing directory,
     * and a local warehouse is created here rather than on first write.
     */
    private static void createLocalDirectories(CatalogSettings settings) {
        String uri = settings.properties().getOrDefault("uri", "");
        if (uri.startsWith(SQLITE_PREFIX) && !uri.contains(":memory:")) {
            createDirectories(Paths.get(uri.substring(SQLITE_PREFIX.length())).toAbsolutePath().getParent());
        }
        if (settings.warehouse() != null && !settings.isS3Warehouse()) {
            createDirectories(Paths.get(settings.warehouse()));
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create directory " + dir + " for the catalog", e);
        }
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
