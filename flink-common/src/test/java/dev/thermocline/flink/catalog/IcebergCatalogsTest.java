package dev.thermocline.flink.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.types.Types;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcebergCatalogsTest {

    private static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "k", Types.StringType.get()),
            Types.NestedField.required(2, "v", Types.LongType.get()));
    private static final TableIdentifier TABLE = TableIdentifier.of("thermocline", "events");

    @Test
    void embeddedSqliteCatalogPersistsTablesAcrossInstances(@TempDir Path dir) throws IOException {
        CatalogSettings settings = CatalogSettings.embeddedDefault(dir);

        assertTableSurvivesReload(settings);
        assertThat(dir.resolve("catalog.db")).exists();
        assertThat(Files.list(dir.resolve("thermocline").resolve("events").resolve("metadata"))).isNotEmpty();
    }

    @Test
    void hadoopCatalogPersistsTablesAcrossInstances(@TempDir Path dir) throws IOException {
        CatalogSettings settings = new CatalogSettings("local", "hadoop", dir.toString(), Map.of());

        assertTableSurvivesReload(settings);
        assertThat(dir.resolve("thermocline").resolve("events").resolve("metadata").resolve("version-hint.text")).exists();
    }

    @Test
    void flinkLoaderSurvivesSerializationAndLoadsTheSameCatalog(@TempDir Path dir) throws Exception {
        CatalogSettings settings = CatalogSettings.embeddedDefault(dir);
        Catalog original = IcebergCatalogs.load(settings);
        createTable(original);
        closeIfCloseable(original);

        CatalogLoader copy = InstantiationUtil.clone(IcebergCatalogs.flinkLoader(settings));
        Catalog catalog = copy.loadCatalog();
        try (Closeable ignored = (Closeable) catalog) {
            assertThat(catalog.name()).isEqualTo("thermocline");
            assertThat(catalog.tableExists(TABLE)).isTrue();
        }
    }

    @Test
    void glueCatalogLoadsWithoutContactingAws() throws IOException {
        CatalogSettings settings = new CatalogSettings("glue_cat", "glue", "s3://bucket/wh",
                Map.of("client.region", "eu-west-1"));

        Catalog catalog = IcebergCatalogs.load(settings);
        try {
            assertThat(catalog.getClass().getName()).isEqualTo("org.apache.iceberg.aws.glue.GlueCatalog");
            assertThat(catalog.name()).isEqualTo("glue_cat");
        } finally {
            closeIfCloseable(catalog);
        }
    }

    @Test
    void sqlStatementQuotesEveryOption(@TempDir Path dir) {
        CatalogSettings settings = CatalogSettings.embeddedDefault(dir).withProperties(Map.of("note", "it's"));

        String sql = IcebergCatalogs.createCatalogStatement(settings);

        assertThat(sql).startsWith("CREATE CATALOG IF NOT EXISTS `thermocline` WITH ('type' = 'iceberg', "
                        + "'catalog-impl' = 'dev.thermocline.flink.catalog.DriverRegisteringJdbcCatalog', ")
                .contains("'warehouse' = '" + dir.toAbsolutePath() + "'")
                .contains("'jdbc.journal_mode' = 'WAL'")
                .contains("'note' = 'it''s'");
    }

    private static void assertTableSurvivesReload(CatalogSettings settings) throws IOException {
        Catalog first = IcebergCatalogs.load(settings);
        String createdLocation = createTable(first).location();
        closeIfCloseable(first);

        Catalog second = IcebergCatalogs.load(settings);
        try {
            assertThat(((SupportsNamespaces) second).listNamespaces()).contains(Namespace.of("thermocline"));
            Table loaded = second.loadTable(TABLE);
            assertThat(loaded.schema().asStruct()).isEqualTo(SCHEMA.asStruct());
            assertThat(loaded.location()).isEqualTo(createdLocation).startsWith(settings.warehouse());
        } finally {
            closeIfCloseable(second);
        }
    }

    private static Table createTable(Catalog catalog) {
        ((SupportsNamespaces) catalog).createNamespace(TABLE.namespace());
        return catalog.createTable(TABLE, SCHEMA);
    }

    private static void closeIfCloseable(Catalog catalog) throws IOException {
        if (catalog instanceof Closeable closeable) {
            closeable.close();
        }
    }
}
