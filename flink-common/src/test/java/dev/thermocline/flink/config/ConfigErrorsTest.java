package dev.thermocline.flink.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typos and invalid values are errors naming the key path, the value and where it came from. */
class ConfigErrorsTest {

    @TempDir
    Path wd;
    Path file;

    @BeforeEach
    void locateFile() {
        file = wd.resolve("thermocline.yaml");
    }

    @Test
    void unknownTopLevelKeyNamesKeyFileAndTheKeysAllowed() throws IOException {
        assertFileError("warehous: ./wh\n").hasMessage("unknown key 'warehous' in " + file
                + "; top-level keys are warehouse, namespace, catalog, kafka, tables, heatmap, backup, repartition");
    }

    @Test
    void unknownNestedKeysAreCaughtAtEveryLevel() throws IOException {
        assertFileError("kafka: {bootstrap-server: x:9092}\n").hasMessage("unknown key 'kafka.bootstrap-server' in "
                + file + "; keys under 'kafka' are bootstrap-servers, properties, topics");
        assertFileError("kafka: {topics: {dead-letters: dlq}}\n").hasMessageStartingWith(
                "unknown key 'kafka.topics.dead-letters' in " + file + "; keys under 'kafka.topics' are access, changes, dead-letter");
        assertFileError("tables: {orders: {key: id, key-type: long, key-domain: [0, 9], partitions: 4}}\n")
                .hasMessage("unknown key 'tables.orders.partitions' in " + file
                        + "; keys under 'tables.orders' are key, key-type, key-domain, initial-partitions, boundaries");
    }

    @Test
    void unknownOverrideKeyIsAnError() {
        assertThatThrownBy(() -> ThermoclineConfig.load(ConfigSources.in(wd).withOverride("catalog.typ", "rest", "-D catalog.typ")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown configuration key 'catalog.typ' (-D catalog.typ); known keys: warehouse, namespace, catalog.type");
    }

    @Test
    void invalidKeyTypeNamesPathValueAndFile() throws IOException {
        assertFileError("tables: {orders: {key: id, key-type: lng, key-domain: [0, 100]}}\n")
                .hasMessage("tables.orders.key-type: 'lng' is not long or string (" + file + ")");
    }

    @Test
    void invalidCatalogTypeNamesTheFlagItCameFrom() {
        assertThatThrownBy(() -> ThermoclineConfig.load(ConfigSources.in(wd).withOverride("catalog.type", "jdb", "--catalog-type")))
                .hasMessage("catalog.type: 'jdb' is not jdbc, hadoop, rest or glue (--catalog-type)");
    }

    @Test
    void invalidValueFromTheEnvironmentNamesTheVariable() {
        assertThatThrownBy(() -> ThermoclineConfig.load(ConfigSources.in(wd)
                .withEnvironment(Map.of("THERMOCLINE_CATALOG_TYPE", "nessie"))))
                .hasMessage("catalog.type: 'nessie' is not jdbc, hadoop, rest or glue (environment THERMOCLINE_CATALOG_TYPE)");
        assertThatThrownBy(() -> ThermoclineConfig.load(ConfigSources.in(wd)
                .withEnvironment(Map.of("THERMOCLINE_CATALOG_PROPERTIES", "uri=jdbc:x,oops"))))
                .hasMessage("THERMOCLINE_CATALOG_PROPERTIES: 'oops' is not key=value");
    }

    @Test
    void tableValuesAreValidated() throws IOException {
        assertFileError("tables: {orders: {key-type: long, key-domain: [0, 100]}}\n")
                .hasMessageStartingWith("tables.orders.key: is missing");
        assertFileError("tables: {orders: {key: id, key-domain: [0, 100]}}\n")
                .hasMessageStartingWith("tables.orders.key-type: is missing");
        assertFileError("tables: {orders: {key: id, key-type: long, key-domain: [0, x]}}\n")
                .hasMessage("tables.orders.key-domain: '[0, x]' has a value that is not a long key: key 'x' is not a long (" + file + ")");
        assertFileError("tables: {orders: {key: id, key-type: long, key-domain: [0, 5, 9]}}\n")
                .hasMessage("tables.orders.key-domain: '[0, 5, 9]' is not [low, high]: it has 3 value(s) (" + file + ")");
        assertFileError("tables: {orders: {key: id, key-type: long, key-domain: [0, 100], initial-partitions: 0}}\n")
                .hasMessage("tables.orders.initial-partitions: '0' is not a whole number of at least 1 (" + file + ")");
        assertFileError("tables: {orders: {key: id, key-type: long}}\n")
                .hasMessageStartingWith("tables.orders: needs key-domain: [low, high]");
        assertFileError("tables: {orders: {key: id, key-type: long, key-domain: [0, 9], boundaries: [5]}}\n")
                .hasMessage("tables.orders: key-domain (" + file + ") and boundaries (" + file + ") exclude each other: give one");
        assertFileError("tables: {orders: {key: id, key-type: long, boundaries: [5, 3]}}\n")
                .hasMessage("tables.orders: boundaries must be strictly increasing: 5 is not below 3 (" + file + ")");
        assertFileError("tables: {orders: {key: id, key-type: long, key-domain: [100, 0]}}\n")
                .hasMessageStartingWith("tables.orders: key-domain [100, 0] is empty");
        assertFileError("tables: {orders: {key: id, key-type: long, key-domain: [0, 3], initial-partitions: 8}}\n")
                .hasMessageStartingWith("tables.orders: key-domain [0, 3) is too narrow for 8 equal ranges");
        assertFileError("tables: {orders: }\n").hasMessage("tables.orders: has no settings (" + file + ")");
    }

    @Test
    void wrongShapesAreNamed() throws IOException {
        assertFileError("catalog: jdbc\n").hasMessage("catalog: expected a mapping of keys, got 'jdbc' (" + file + ")");
        assertFileError("namespace: [a, b]\n").hasMessage("namespace: expected a single value, got a list (" + file + ")");
        assertFileError("namespace:\n").hasMessage("namespace: has no value (" + file + ")");
        assertFileError("warehouse: ''\n").hasMessage("warehouse: '' is empty (" + file + ")");
        assertFileError("- a\n- b\n").hasMessage("the document: expected a mapping of keys, got a list (" + file + ")");
    }

    @Test
    void yamlSyntaxErrorsAndDuplicateKeysNameTheFile() throws IOException {
        assertFileError("namespace: a\nnamespace: b\n").hasMessageStartingWith("cannot read " + file + ": Duplicate field 'namespace'");
        assertFileError("catalog: {type: jdbc\n").hasMessageStartingWith("cannot read " + file + ": ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void catalogSettingsAreValidatedWhenLoading() {
        assertThatThrownBy(() -> ThermoclineConfig.load(ConfigSources.in(wd)
                .withOverride("catalog.type", "rest", "--catalog-type")))
                .hasMessageStartingWith("catalog: a rest catalog needs property 'uri'");
        assertThatThrownBy(() -> ThermoclineConfig.load(ConfigSources.in(wd)
                .withOverride("warehouse", "s3://lake/wh", "--warehouse")))
                .hasMessageStartingWith("catalog: a jdbc catalog on warehouse 's3://lake/wh' needs catalog.properties.uri");
    }

    @Test
    void kafkaPropertiesThermoclineSetsAreRejected() {
        assertThatThrownBy(() -> ThermoclineConfig.load(ConfigSources.in(wd)
                .withOverride("kafka.properties.bootstrap.servers", "x:1", "-D kafka.properties.bootstrap.servers")))
                .hasMessage("kafka.properties.bootstrap.servers: 'x:1' cannot be set here: use kafka.bootstrap-servers"
                        + " (-D kafka.properties.bootstrap.servers)");
    }

    @Test
    void unconfiguredTableNamesTheConfiguredOnes() throws IOException {
        Files.writeString(file, "tables: {orders: {key: id, key-type: long, key-domain: [0, 100]}}\n");
        ThermoclineConfig config = ThermoclineConfig.load(ConfigSources.in(wd));

        assertThatThrownBy(() -> config.table("ordrs")).isInstanceOf(ConfigException.class)
                .hasMessage("table 'ordrs' is not configured; configured tables: orders");
        assertThatThrownBy(() -> ThermoclineConfig.defaults(wd).table("orders"))
                .hasMessage("table 'orders' is not configured; no tables are configured (add tables.orders to thermocline.yaml)");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertFileError(String yaml) throws IOException {
        Files.writeString(file, yaml);
        return assertThatThrownBy(() -> ThermoclineConfig.load(ConfigSources.in(wd))).isInstanceOf(ConfigException.class);
    }
}
