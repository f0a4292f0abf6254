package dev.thermocline.flink.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.iceberg.CatalogUtil;

/** The Iceberg catalogs Thermocline can run against, with the class that implements each. */
public enum CatalogType {
    /**
     * Catalog rows in a JDBC database; the embedded default uses SQLite. Iceberg's JdbcCatalog, made
     * to find the JDBC driver in the job bundle on a Flink cluster.
     */
    JDBC("jdbc", DriverRegisteringJdbcCatalog.class.getName()),
    /** Metadata found by listing the warehouse directory; local warehouses only here (no S3A). */
    HADOOP("hadoop", CatalogUtil.ICEBERG_CATALOG_HADOOP),
    /** An Iceberg REST catalog server (Polaris, Nessie, Lakekeeper, Tabular…). */
    REST("rest", CatalogUtil.ICEBERG_CATALOG_REST),
    /** AWS Glue Data Catalog; warehouse on S3. */
    GLUE("glue", CatalogUtil.ICEBERG_CATALOG_GLUE);

    private final String id;
    private final String implementation;

    CatalogType(String id, String implementation) {
        this.id = id;
        this.implementation = implementation;
    }

    /** The name used in configuration: {@code jdbc}, {@code hadoop}, {@code rest} or {@code glue}. */
    public String id() {
        return id;
    }

    /** The Iceberg {@code Catalog} class ({@code catalog-impl}). */
    public String implementation() {
        return implementation;
    }

    /** Parses a configured type, case-insensitively; the error names the bad value and the choices. */
    public static CatalogType fromId(String id) {
        if (id != null) {
            String normalized = id.trim().toLowerCase(Locale.ROOT);
            for (CatalogType type : values()) {
                if (type.id.equals(normalized)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("catalog type '" + id + "' is not supported; use one of "
                + Arrays.stream(values()).map(CatalogType::id).collect(Collectors.joining(", ")));
    }
}
