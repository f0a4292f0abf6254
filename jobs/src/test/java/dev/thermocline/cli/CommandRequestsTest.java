package dev.thermocline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.restore.RangeSelection;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.flink.catalog.CatalogType;
import dev.thermocline.flink.config.ThermoclineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the actions receive: typed requests and the configuration after precedence. */
class CommandRequestsTest {

    @TempDir
    Path wd;
    CliHarness cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliHarness(wd);
        ConfigFiles.writeOrders(wd);
    }

    @Test
    void configurationPrecedenceReachesTheCommands() throws Exception {
        Files.writeString(wd.resolve("thermocline.yaml"), """
                warehouse: from-file
                namespace: file_ns
                catalog: {type: hadoop}
                kafka: {bootstrap-servers: 'file:9092'}
                tables: {orders: {key: id, key-type: long, key-domain: [0, 100]}}
                """);
        cli.environment.put("THERMOCLINE_NAMESPACE", "env_ns");
        cli.environment.put("THERMOCLINE_KAFKA_BOOTSTRAP_SERVERS", "env:9092");
        cli.environment.put("THERMOCLINE_WAREHOUSE", "from-env");
        CliHarness.Recorder<BackupRequest> backup = new CliHarness.Recorder<>();
        cli.actions = Actions.builder().backup(backup).build();

        CliHarness.Result r = cli.run("--warehouse", "from-flag", "backup", "--kafka-bootstrap-servers", "flag:9092",
                "-D", "tables.orders.initial-partitions=4");

        assertThat(r.exit()).as(r.err()).isZero();
        ThermoclineConfig config = backup.context.config();
        assertThat(config.catalogType()).isEqualTo(CatalogType.HADOOP);                 // file over default
        assertThat(config.namespace()).isEqualTo("env_ns");                             // environment over file
        assertThat(config.warehouse()).isEqualTo(wd.resolve("from-flag").toString());   // flag over environment
        assertThat(config.kafka().bootstrapServers()).isEqualTo("flag:9092");           // flag after the command name
        assertThat(config.table("orders").initialPartitioning())
                .hasFieldOrPropertyWithValue("count", 4);                               // -D over file
        assertThat(backup.request).isEqualTo(new BackupRequest(Optional.empty(), Optional.empty()));
    }

    @Test
    void backupOnDemandFlagsAndBackupOptionsReachTheAction() {
        CliHarness.Recorder<BackupRequest> backup = new CliHarness.Recorder<>();
        cli.actions = Actions.builder().backup(backup).build();

        CliHarness.Result r = cli.run("backup", "--table", "orders", "--partition", "p1", "--partition", "p2", "--force",
                "-D", "backup.due.changes=5", "-D", "backup.retention=7d");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(backup.request).isEqualTo(
                new BackupRequest(Optional.of("orders"), Optional.empty(), true, java.util.List.of("p1", "p2")));
        assertThat(backup.context.config().backup().policy().volumeThreshold()).isEqualTo(5);
        assertThat(backup.context.config().backup().retention()).contains(java.time.Duration.ofDays(7));
    }

    @Test
    void namedConfigFileReplacesTheWorkingDirectorysOne() throws Exception {
        Path other = Files.writeString(wd.resolve("other.yaml"), "namespace: other\n");
        CliHarness.Recorder<DemoRequest> demo = new CliHarness.Recorder<>();
        cli.actions = Actions.builder().demo(demo).build();

        assertThat(cli.run("--config", other.toString(), "demo").exit()).isZero();
        assertThat(demo.context.config().namespace()).isEqualTo("other");
        assertThat(demo.context.config().tables()).isEmpty();
    }

    @Test
    void embeddedDefaultNeedsNoConfiguration() throws Exception {
        Files.delete(wd.resolve("thermocline.yaml"));
        CliHarness.Recorder<DemoRequest> demo = new CliHarness.Recorder<>();
        cli.actions = Actions.builder().demo(demo).build();

        assertThat(cli.run("demo").exit()).isZero();
        assertThat(demo.context.config()).isEqualTo(ThermoclineConfig.defaults(wd));
        assertThat(demo.context.config().kafka().embedded()).isTrue();
    }

    @Test
    void restoreArgumentsBecomeCoresRequestTypedByTheTablesKeyType() {
        CliHarness.Recorder<RestoreCommandRequest> restore = new CliHarness.Recorder<>();
        cli.actions = Actions.builder().restore(restore).build();

        CliHarness.Result r = cli.run("restore", "--table", "orders", "--as-of", "2026-11-24T10:31:00Z",
                "--range", "10400..10599", "--range", "900000..", "--keys", "7,42@1795516260000", "--output", "rows.jsonl");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(restore.request).isEqualTo(new RestoreCommandRequest(
                new RestoreRequest("orders", Instant.parse("2026-11-24T10:31:00Z"), List.of(
                        new RangeSelection.Interval(KeyInterval.closed(Key.of(10400), Key.of(10599)), null),
                        new RangeSelection.Interval(KeyInterval.atLeast(Key.of(900000)), null),
                        new RangeSelection.KeyList(List.of(Key.of(7), Key.of(42)), Instant.ofEpochMilli(1795516260000L)))),
                new RestoreTarget.JsonLinesFile(wd.resolve("rows.jsonl")), false, Optional.empty()));
    }

    @Test
    void restoreOfStringKeysIntoTheDefaultTableWithExplainAndCluster() {
        CliHarness.Recorder<RestoreCommandRequest> restore = new CliHarness.Recorder<>();
        cli.actions = Actions.builder().restore(restore).build();

        CliHarness.Result r = cli.run("restore", "--table", "customers", "--as-of", "0", "--range", "a@x.com..m",
                "--explain", "--cluster", "flink-jm:8081");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(restore.request.restore().selections()).containsExactly(
                new RangeSelection.Interval(KeyInterval.closed(Key.of("a@x.com"), Key.of("m")), null));
        assertThat(restore.request.target()).isEqualTo(new RestoreTarget.IcebergTable("restored_customers"));
        assertThat(restore.request.explain()).isTrue();
        assertThat(restore.request.cluster()).contains(new ClusterAddress("flink-jm", 8081));
    }

    @Test
    void runReadsAFileSourceRelativeToTheWorkingDirectory() throws Exception {
        Files.writeString(wd.resolve("access.jsonl"), "{}\n");
        CliHarness.Recorder<RunJobRequest> heatmap = new CliHarness.Recorder<>();
        CliHarness.Recorder<RunJobRequest> repartition = new CliHarness.Recorder<>();
        cli.actions = Actions.builder().run(JobKind.HEATMAP, heatmap).run(JobKind.REPARTITION, repartition).build();

        assertThat(cli.run("run", "heatmap", "--source", "file:access.jsonl").exit()).isZero();
        assertThat(cli.run("run", "repartition", "--once").exit()).isZero();

        assertThat(heatmap.request).isEqualTo(new RunJobRequest(JobKind.HEATMAP,
                new JobSource.JsonLinesFile(wd.resolve("access.jsonl")), false, Optional.empty()));
        assertThat(repartition.request).isEqualTo(new RunJobRequest(JobKind.REPARTITION, new JobSource.Kafka(), true,
                Optional.empty()));
    }

    @Test
    void partitionMapDefaultsToNowAndHeatmapPicksTheFormatFromTheExtension() {
        CliHarness.Recorder<PartitionMapRequest> map = new CliHarness.Recorder<>();
        CliHarness.Recorder<HeatmapPictureRequest> picture = new CliHarness.Recorder<>();
        CliHarness.Recorder<SqlRequest> sql = new CliHarness.Recorder<>();
        cli.actions = Actions.builder().partitionMap(map).heatmap(picture).sql(sql).build();

        assertThat(cli.run("partition-map", "--table", "orders").exit()).isZero();
        assertThat(cli.run("heatmap", "--table", "orders", "--to", "1795516260000", "--out", "heat.HTML").exit()).isZero();
        assertThat(cli.run("sql", "--format", "csv", "SELECT 1").exit()).isZero();

        assertThat(map.request).isEqualTo(new PartitionMapRequest("orders", CliHarness.NOW));
        assertThat(picture.request).isEqualTo(new HeatmapPictureRequest("orders", Optional.empty(),
                Optional.of(Instant.ofEpochMilli(1795516260000L)), wd.resolve("heat.HTML"), PictureFormat.HTML));
        assertThat(sql.request).isEqualTo(new SqlRequest("SELECT 1", SqlRequest.Format.CSV));
    }
}
