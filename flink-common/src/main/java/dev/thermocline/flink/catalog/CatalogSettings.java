package dev.thermocline.flink.catalog;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which Iceberg catalog to use and where its warehouse is. Validated on construction; every error
 * names the offending value.
 *
 * @param name       catalog name (also the Flink SQL catalog name): letters, digits, underscores
 * @param type       {@code jdbc}, {@code hadoop}, {@code rest} or {@code glue} (stored lower-case)
 * @param warehouse  a local path (stored absolute) or {@code s3://bucket/prefix}; optional for
 *                   {@code rest}, where the server may define it
 * @param properties further Iceberg catalog properties passed through as they are: {@code uri},
 *                   {@code jdbc.*}, {@code s3.*} (endpoint, path-style access, credentials),
 *                   {@code client.region}, {@code io-impl}…
 */
public record CatalogSettings(String name, String type, String warehouse, Map<String, String> properties) {

    public static final String DEFAULT_NAME = "thermocline";
    /** The SQLite file of the embedded default catalog, inside the warehouse directory. */
    public static final String EMBEDDED_DATABASE_FILE = "catalog.db";
    static final String S3_FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    /** Derived from the fields above; setting them as properties too would be ambiguous. */
    private static final Set<String> RESERVED = Set.of("type", "warehouse", "catalog-impl", "catalog-type");

    public CatalogSettings {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("catalog name '" + name
                    + "' is invalid: use letters, digits and underscores, not starting with a digit");
        }
        CatalogType catalogType = CatalogType.fromId(type);
        type = catalogType.id();
        properties = Map.copyOf(Objects.requireNonNull(properties, "properties is required."));
        for (String key : RESERVED) {
            if (properties.containsKey(key)) {
                throw new IllegalArgumentException("catalog property '" + key + "' (= '" + properties.get(key)
                        + "') is not allowed in properties; it is given by the catalog's type and warehouse");
            }
        }
        warehouse = normalizeWarehouse(catalogType, warehouse);
        requireUri(catalogType, properties);
    }

    /**
     * The embedded default: a JDBC catalog on a SQLite file ({@value #EMBEDDED_DATABASE_FILE})
     * inside {@code warehouseDir}, which also holds the tables' data.
     */
    public static CatalogSettings embeddedDefault(Path warehouseDir) {
        Path warehouse = warehouseDir.toAbsolutePath().normalize();
        return jdbcOnSqlite(DEFAULT_NAME, warehouse.resolve(EMBEDDED_DATABASE_FILE), warehouse.toString(), Map.of());
    }

    /**
     * A JDBC catalog whose rows live in the SQLite file {@code databaseFile}, with tables under
     * {@code warehouse} (local or {@code s3://}); {@code extraProperties} e.g. the {@code s3.*} ones.
     */
    public static CatalogSettings jdbcOnSqlite(String name, Path databaseFile, String warehouse,
                                               Map<String, String> extraProperties) {
        Map<String, String> props = new HashMap<>(extraProperties);
        props.put("uri", "jdbc:sqlite:" + databaseFile.toAbsolutePath().normalize());
        // JdbcCatalog keeps a ResultSet open while committing: without WAL, SQLite answers SQLITE_BUSY.
        props.put("jdbc.journal_mode", "WAL");
        props.put("jdbc.busy_timeout", "10000");
        props.put("jdbc.schema-version", "V1");
        return new CatalogSettings(name, CatalogType.JDBC.id(), warehouse, props);
    }

    /** These settings with {@code extra} properties added (overriding equal keys). */
    public CatalogSettings withProperties(Map<String, String> extra) {
        Map<String, String> merged = new HashMap<>(properties);
        merged.putAll(extra);
        return new CatalogSettings(name, type, warehouse, merged);
    }

    public CatalogType catalogType() {
        return CatalogType.fromId(type);
    }

    /** Whether the warehouse is on S3 (and so read and written through S3FileIO). */
    public boolean isS3Warehouse() {
        return warehouse != null && warehouse.startsWith("s3://");
    }

    /**
     * Everything Iceberg's {@code Catalog.initialize} needs, except the implementation class:
     * the properties, {@code warehouse}, and {@code io-impl = S3FileIO} for S3 warehouses (unless
     * an {@code io-impl} was given).
     */
    public Map<String, String> icebergProperties() {
        Map<String, String> props = new LinkedHashMap<>(properties);
        if (warehouse != null) {
            props.put("warehouse", warehouse);
        }
        if (isS3Warehouse()) {
            props.putIfAbsent("io-impl", S3_FILE_IO);
        }
        return props;
    }

    private static String normalizeWarehouse(CatalogType type, String warehouse) {
        if (warehouse == null || warehouse.isBlank()) {
            if (type == CatalogType.REST) {
                return null;
            }
            throw new IllegalArgumentException("a " + type.id() + " catalog needs a warehouse (a local path or s3://bucket/prefix), got '"
                    + warehouse + "'");
        }
        String trimmed = warehouse.trim();
        if (trimmed.startsWith("s3://")) {
            String bucket = trimmed.substring("s3://".length()).split("/", 2)[0];
            if (!S3_BUCKET.matcher(bucket).matches()) {
                throw new IllegalArgumentException("warehouse '" + warehouse + "' has an invalid S3 bucket name '" + bucket
                        + "' (3-63 lowercase letters, digits, '.' or '-')");
            }
            if (type == CatalogType.HADOOP) {
                throw new IllegalArgumentException("a hadoop catalog needs a local warehouse, got '" + warehouse
                        + "'; use a jdbc, rest or glue catalog for S3");
            }
            return trimmed.replaceAll("/+$", "");
        }
        if (type == CatalogType.GLUE) {
            throw new IllegalArgumentException("a glue catalog needs an s3:// warehouse, got '" + warehouse + "'");
        }
        if (trimmed.startsWith("file:")) {
            try {
                return Paths.get(URI.create(trimmed)).toAbsolutePath().normalize().toString();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("warehouse '" + warehouse + "' is not a valid absolute file: URI", e);
            }
        }
        if (URI_SCHEME.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("warehouse '" + warehouse + "' must be a local path or an s3:// URI");
        }
        return Paths.get(trimmed).toAbsolutePath().normalize().toString();
    }

    private static void requireUri(CatalogType type, Map<String, String> properties) {
        String uri = properties.get("uri");
        if (type == CatalogType.JDBC && (uri == null || !uri.startsWith("jdbc:"))) {
            throw new IllegalArgumentException("a jdbc catalog needs property 'uri' = jdbc:…, got '" + uri + "'");
        }
        if (type == CatalogType.REST && (uri == null || !(uri.startsWith("http://") || uri.startsWith("https://")))) {
            throw new IllegalArgumentException("a rest catalog needs property 'uri' = http(s)://…, got '" + uri + "'");
        }
    }
}
