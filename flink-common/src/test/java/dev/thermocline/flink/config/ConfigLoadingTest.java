package dev.thermocline.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.CatalogType;
import dev.thermocline.flink.kafka.KafkaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults, where the file is found, and the precedence defaults < file < environment < flags. */
class ConfigLoadingTest {

    @TempDir
    Path wd;

    @Test
    void embeddedDefaultNeedsNoConfigurationAtAll() {
        ThermoclineConfig config = ThermoclineConfig.load(ConfigSources.in(wd));

        assertThat(config.configFile()).isNull();
        assertThat(config.warehouse()).isEqualTo(wd.resolve("warehouse").toString());
        assertThat(config.namespace()).isEqualTo("thermocline");
        assertThat(config.catalogType()).isEqualTo(CatalogType.JDBC);
        assertThat(config.catalogProperties()).isEmpty();
        assertThat(config.kafka().embedded()).isTrue();
        assertThat(config.kafka().topics()).isEqualTo(
                new KafkaTopics("access-log", List.of("changes"), "thermocline-dead-letters"));
        assertThat(config.tables()).isEmpty();
        assertThat(ThermoclineConfig.defaults(wd)).isEqualTo(config);
    }

    @Test
    void embeddedDefaultCatalogIsSqliteInTheWarehouse() {
        CatalogSettings catalog = ThermoclineConfig.defaults(wd).catalogSettings();

        assertThat(catalog).isEqualTo(CatalogSettings.embeddedDefault(wd.resolve("warehouse")));
        assertThat(catalog.properties().get("uri")).isEqualTo("jdbc:sqlite:" + wd.resolve("warehouse/catalog.db"));
    }

    @Test
    void fileInTheWorkingDirectoryIsRead() throws IOException {
        Path file = write(wd.resolve("thermocline.yaml"), "namespace: from_file\n");

        ThermoclineConfig config = ThermoclineConfig.load(ConfigSources.in(wd));

        assertThat(config.namespace()).isEqualTo("from_file");
        assertThat(config.configFile()).isEqualTo(file);
    }

    @Test
    void namedFileWinsOverTheEnvironmentsWhichWinsOverTheWorkingDirectorys() throws IOException {
        write(wd.resolve("thermocline.yaml"), "namespace: working_dir\n");
        Path fromEnv = write(wd.resolve("env.yaml"), "namespace: env_file\n");
        write(wd.resolve("named.yaml"), "namespace: named\n");
        Map<String, String> env = Map.of("THERMOCLINE_CONFIG", fromEnv.toString());

        assertThat(ThermoclineConfig.load(ConfigSources.in(wd).withEnvironment(env)).namespace()).isEqualTo("env_file");
        assertThat(ThermoclineConfig.load(ConfigSources.in(wd).withEnvironment(env)
                .withConfigFile(Path.of("named.yaml"))).namespace()).isEqualTo("named");
    }

    @Test
    void missingNamedFileIsAnErrorNamingThePath() {
        assertThatThrownBy(() -> ThermoclineConfig.load(ConfigSources.in(wd).withConfigFile(Path.of("nope.yaml"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration file " + wd.resolve("nope.yaml") + " does not exist (given by --config)");
        assertThatThrownBy(() -> ThermoclineConfig.load(ConfigSources.in(wd)
                .withEnvironment(Map.of("THERMOCLINE_CONFIG", "gone.yaml"))))
                .hasMessage("configuration file " + wd.resolve("gone.yaml")
                        + " does not exist (given by environment THERMOCLINE_CONFIG)");
    }

    @Test
    void eachLayerOverridesTheOneBelowOptionByOption() throws IOException {
        write(wd.resolve("thermocline.yaml"), """
                warehouse: s3://file-bucket/wh
                namespace: file_ns
                catalog: {type: rest, properties: {uri: 'http://file:8181', s3.endpoint: 'http://file-s3'}}
                kafka: {bootstrap-servers: 'file:9092', topics: {access: file-access}}
                """);
        Map<String, String> env = Map.of(
                "THERMOCLINE_NAMESPACE", "env_ns",
                "THERMOCLINE_CATALOG_TYPE", "glue",
                "THERMOCLINE_CATALOG_PROPERTIES", "s3.endpoint=http://env-s3, client.region=eu-west-1",
                "THERMOCLINE_KAFKA_BOOTSTRAP_SERVERS", "env:9092");
        ConfigSources sources = ConfigSources.in(wd).withEnvironment(env)
                .withOverride("catalog.properties.client.region", "us-east-1", "-D catalog.properties.client.region")
                .withOverride("kafka.bootstrap-servers", "flag:9092", "--kafka-bootstrap-servers");

        ThermoclineConfig config = ThermoclineConfig.load(sources);

        assertThat(config.warehouse()).isEqualTo("s3://file-bucket/wh");        // file over default
        assertThat(config.namespace()).isEqualTo("env_ns");                     // environment over file
        assertThat(config.catalogType()).isEqualTo(CatalogType.GLUE);           // environment over file
        assertThat(config.catalogProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "uri", "http://file:8181",                                       // file only
                "s3.endpoint", "http://env-s3",                                  // environment over file
                "client.region", "us-east-1"));                                  // flag over environment
        assertThat(config.kafka().bootstrapServers()).isEqualTo("flag:9092");   // flag over environment
        assertThat(config.kafka().topics().access()).isEqualTo("file-access");
        assertThat(config.kafka().topics().deadLetter()).isEqualTo("thermocline-dead-letters");
    }

    @Test
    void laterOverrideOfTheSameKeyWins() {
        ConfigSources sources = ConfigSources.in(wd)
                .withOverride("namespace", "first", "-D namespace")
                .withOverride("namespace", "second", "--namespace");

        assertThat(ThermoclineConfig.load(sources).namespace()).isEqualTo("second");
    }

    @Test
    void emptyEnvironmentVariablesCountAsUnset() {
        ThermoclineConfig config = ThermoclineConfig.load(ConfigSources.in(wd)
                .withEnvironment(Map.of("THERMOCLINE_NAMESPACE", "", "THERMOCLINE_KAFKA_BOOTSTRAP_SERVERS", " ")));

        assertThat(config.namespace()).isEqualTo("thermocline");
        assertThat(config.kafka().embedded()).isTrue();
    }

    @Test
    void everyEnvironmentVariableReachesItsOption() {
        ThermoclineConfig config = ThermoclineConfig.load(ConfigSources.in(wd).withEnvironment(Map.of(
                "THERMOCLINE_WAREHOUSE", "elsewhere/wh",
                "THERMOCLINE_NAMESPACE", "ns",
                "THERMOCLINE_CATALOG_TYPE", "HADOOP",
                "THERMOCLINE_KAFKA_BOOTSTRAP_SERVERS", "a:1,b:2",
                "THERMOCLINE_KAFKA_PROPERTIES", "security.protocol=SASL_SSL\nsasl.jaas.config=x required a=\"1,2\";",
                "THERMOCLINE_KAFKA_TOPICS_ACCESS", "acc",
                "THERMOCLINE_KAFKA_TOPICS_CHANGES", "orders-cdc, accounts-cdc",
                "THERMOCLINE_KAFKA_TOPICS_DEAD_LETTER", "dlq")));

        assertThat(config.warehouse()).isEqualTo(wd.resolve("elsewhere/wh").toString());
        assertThat(config.namespace()).isEqualTo("ns");
        assertThat(config.catalogType()).isEqualTo(CatalogType.HADOOP);
        assertThat(config.kafka().bootstrapServers()).isEqualTo("a:1,b:2");
        assertThat(config.kafka().properties()).isEqualTo(Map.of(
                "security.protocol", "SASL_SSL", "sasl.jaas.config", "x required a=\"1,2\";"));
        assertThat(config.kafka().topics()).isEqualTo(new KafkaTopics("acc", List.of("orders-cdc", "accounts-cdc"), "dlq"));
    }

    @Test
    void tablesBindToCoreTableSpecs() throws IOException {
        write(wd.resolve("thermocline.yaml"), """
                tables:
                  orders:
                    key: id
                    key-type: long
                    key-domain: [0, 1000000]
                    initial-partitions: 16
                  customers:
                    key: email
                    key-type: string
                    boundaries: [g, n, t]
                  sessions: {key: sid, key-type: long, key-domain: [0, 64]}
                """);

        ThermoclineConfig config = ThermoclineConfig.load(ConfigSources.in(wd));

        assertThat(config.tables().keySet()).containsExactly("orders", "customers", "sessions");
        assertThat(config.table("orders")).isEqualTo(new TableSpec("orders", "id", KeyType.LONG,
                new InitialPartitioning.EqualRanges(16, Key.of(0), Key.of(1_000_000))));
        assertThat(config.table("customers")).isEqualTo(new TableSpec("customers", "email", KeyType.STRING,
                new InitialPartitioning.ExplicitBoundaries(List.of(Key.of("g"), Key.of("n"), Key.of("t")))));
        assertThat(config.table("sessions").initialPartitioning())
                .isEqualTo(new InitialPartitioning.EqualRanges(16, Key.of(0), Key.of(64)));
    }

    @Test
    void flagsReachTableFieldsAndCanDefineATable() {
        ConfigSources sources = ConfigSources.in(wd)
                .withOverride("tables.public.orders.key", "id", "-D tables.public.orders.key")
                .withOverride("tables.public.orders.key-type", "long", "-D tables.public.orders.key-type")
                .withOverride("tables.public.orders.key-domain", "[0, 100]", "-D tables.public.orders.key-domain")
                .withOverride("tables.public.orders.initial-partitions", "4", "-D tables.public.orders.initial-partitions");

        assertThat(ThermoclineConfig.load(sources).table("public.orders")).isEqualTo(new TableSpec("public.orders", "id",
                KeyType.LONG, new InitialPartitioning.EqualRanges(4, Key.of(0), Key.of(100))));
    }

    @Test
    void localWarehousesResolveAgainstTheWorkingDirectoryAndUrisAreKept() {
        assertThat(warehouseOf("./wh/../lake")).isEqualTo(wd.resolve("lake").toString());
        assertThat(warehouseOf("/abs/lake")).isEqualTo("/abs/lake");
        assertThat(warehouseOf("file:///abs/lake")).isEqualTo("/abs/lake");
        assertThat(warehouseOf("s3://bucket/prefix")).isEqualTo("s3://bucket/prefix");
    }

    @Test
    void catalogSettingsCarryTypeWarehouseAndProperties() {
        ThermoclineConfig config = ThermoclineConfig.load(ConfigSources.in(wd)
                .withOverride("catalog.type", "rest", "--catalog-type")
                .withOverride("warehouse", "s3://lake/wh", "--warehouse")
                .withOverride("catalog.properties.uri", "http://rest:8181", "-D catalog.properties.uri"));

        assertThat(config.catalogSettings()).isEqualTo(new CatalogSettings(
                "thermocline", "rest", "s3://lake/wh", Map.of("uri", "http://rest:8181")));
    }

    @Test
    void kafkaSettingsUseConfiguredBrokersElseTheEmbeddedOnes() {
        ThermoclineConfig embedded = ThermoclineConfig.load(ConfigSources.in(wd)
                .withOverride("kafka.properties.acks", "all", "-D kafka.properties.acks"));
        KafkaSettings settings = embedded.kafka().settings("127.0.0.1:40000");

        assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:40000");
        assertThat(settings.properties()).isEqualTo(Map.of("acks", "all"));
        assertThat(settings.topics()).isEqualTo(
                new KafkaSettings.Topics("access-log", List.of("changes"), "thermocline-dead-letters"));

        ThermoclineConfig external = ThermoclineConfig.load(ConfigSources.in(wd)
                .withOverride("kafka.bootstrap-servers", "broker:9092", "--kafka-bootstrap-servers"));
        assertThat(external.kafka().settings("127.0.0.1:40000").bootstrapServers()).isEqualTo("broker:9092");
    }

    private String warehouseOf(String value) {
        return ThermoclineConfig.load(ConfigSources.in(wd).withOverride("warehouse", value, "--warehouse")
                .withOverride("catalog.properties.uri", "jdbc:sqlite:" + wd.resolve("c.db"), "-D catalog.properties.uri"))
                .warehouse();
    }

    static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text);
    }
}
