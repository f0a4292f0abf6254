package dev.thermocline.flink.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogSettingsTest {

    private static final Map<String, String> JDBC_URI = Map.of("uri", "jdbc:sqlite:/tmp/x.db");

    @Test
    void unknownTypeIsRejectedNamingTheValueAndTheChoices() {
        assertThatThrownBy(() -> new CatalogSettings("c", "hive", "/tmp/wh", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("catalog type 'hive' is not supported; use one of jdbc, hadoop, rest, glue");
    }

    @Test
    void typeIsCaseInsensitiveAndStoredLowerCase() {
        assertThat(new CatalogSettings("c", "HADOOP", "/tmp/wh", Map.of()).type()).isEqualTo("hadoop");
    }

    @Test
    void badNamesAreRejected() {
        assertThatThrownBy(() -> new CatalogSettings("my-catalog", "hadoop", "/tmp/wh", Map.of()))
                .hasMessageContaining("catalog name 'my-catalog' is invalid");
        assertThatThrownBy(() -> new CatalogSettings(null, "hadoop", "/tmp/wh", Map.of()))
                .hasMessageContaining("catalog name 'null'");
    }

    @Test
    void warehouseMustBeLocalOrS3() {
        assertThatThrownBy(() -> new CatalogSettings("c", "jdbc", "gs://bucket/wh", JDBC_URI))
                .hasMessage("warehouse 'gs://bucket/wh' must be a local path or an s3:// URI");
        assertThatThrownBy(() -> new CatalogSettings("c", "jdbc", "s3a://bucket/wh", JDBC_URI))
                .hasMessage("warehouse 's3a://bucket/wh' must be a local path or an s3:// URI");
        assertThatThrownBy(() -> new CatalogSettings("c", "jdbc", "s3://ab/wh", JDBC_URI))
                .hasMessageContaining("invalid S3 bucket name 'ab'");
        assertThatThrownBy(() -> new CatalogSettings("c", "jdbc", "s3://My_Bucket/wh", JDBC_URI))
                .hasMessageContaining("'My_Bucket'");
        assertThatThrownBy(() -> new CatalogSettings("c", "jdbc", " ", JDBC_URI))
                .hasMessageContaining("a jdbc catalog needs a warehouse");
    }

    @Test
    void typeAndWarehouseMustFit() {
        assertThatThrownBy(() -> new CatalogSettings("c", "hadoop", "s3://bucket/wh", Map.of()))
                .hasMessageContaining("a hadoop catalog needs a local warehouse, got 's3://bucket/wh'");
        assertThatThrownBy(() -> new CatalogSettings("c", "glue", "/tmp/wh", Map.of()))
                .hasMessageContaining("a glue catalog needs an s3:// warehouse, got '/tmp/wh'");
    }

    @Test
    void jdbcAndRestNeedAUri() {
        assertThatThrownBy(() -> new CatalogSettings("c", "jdbc", "/tmp/wh", Map.of()))
                .hasMessage("a jdbc catalog needs property 'uri' = jdbc:…, got 'null'");
        assertThatThrownBy(() -> new CatalogSettings("c", "rest", null, Map.of("uri", "localhost:8181")))
                .hasMessage("a rest catalog needs property 'uri' = http(s)://…, got 'localhost:8181'");
        assertThat(new CatalogSettings("c", "rest", null, Map.of("uri", "http://localhost:8181")).warehouse()).isNull();
    }

    @Test
    void derivedKeysCannotBeSetAsProperties() {
        assertThatThrownBy(() -> new CatalogSettings("c", "hadoop", "/tmp/wh", Map.of("warehouse", "/elsewhere")))
                .hasMessageContaining("catalog property 'warehouse' (= '/elsewhere') is not allowed");
    }

    @Test
    void localWarehousesAreStoredAbsolute(@TempDir Path dir) {
        assertThat(new CatalogSettings("c", "hadoop", dir.toUri().toString(), Map.of()).warehouse())
                .isEqualTo(dir.toAbsolutePath().toString());
        assertThat(new CatalogSettings("c", "hadoop", "relative/wh", Map.of()).warehouse())
                .isEqualTo(Path.of("relative/wh").toAbsolutePath().toString());
    }

    @Test
    void embeddedDefaultIsSqliteInWalModeInsideTheWarehouse(@TempDir Path dir) {
        CatalogSettings settings = CatalogSettings.embeddedDefault(dir);

        assertThat(settings.type()).isEqualTo("jdbc");
        assertThat(settings.warehouse()).isEqualTo(dir.toAbsolutePath().toString());
        assertThat(settings.properties())
                .containsEntry("uri", "jdbc:sqlite:" + dir.toAbsolutePath().resolve("catalog.db"))
                .containsEntry("jdbc.journal_mode", "WAL");
        assertThat(settings.icebergProperties()).doesNotContainKey("io-impl");
    }

    @Test
    void s3WarehousesUseS3FileIoAndPassS3PropertiesThrough(@TempDir Path dir) {
        CatalogSettings settings = CatalogSettings.jdbcOnSqlite("c", dir.resolve("c.db"), "s3://bucket/wh/",
                Map.of("s3.endpoint", "http://127.0.0.1:9000", "s3.path-style-access", "true"));

        assertThat(settings.isS3Warehouse()).isTrue();
        assertThat(settings.warehouse()).isEqualTo("s3://bucket/wh");
        assertThat(settings.icebergProperties())
                .containsEntry("warehouse", "s3://bucket/wh")
                .containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
                .containsEntry("s3.endpoint", "http://127.0.0.1:9000")
                .containsEntry("s3.path-style-access", "true");
        assertThat(settings.withProperties(Map.of("io-impl", "x.Y")).icebergProperties()).containsEntry("io-impl", "x.Y");
    }
}
