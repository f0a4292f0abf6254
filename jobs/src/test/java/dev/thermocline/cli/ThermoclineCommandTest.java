package dev.thermocline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command-line contract: help, exit codes, honest placeholders. */
class ThermoclineCommandTest {

    static final List<String> COMMANDS = List.of("demo", "run", "backup", "restore", "partition-map", "heatmap", "sql");

    @TempDir
    java.nio.file.Path wd;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(wd);
    }

    @Test
    void helpListsEverySubCommandAndExitsZero() {
        CliHarness.Result r = cli.run("--help");

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        String commandList = r.out().substring(r.out().indexOf("Commands:"));
        for (String command : COMMANDS) {
            assertThat(commandList).containsPattern("(?m)^  " + command + " ");
        }
        assertThat(r.out()).contains("--config=FILE", "--warehouse", "--catalog-type", "--kafka-bootstrap-servers",
                "--namespace", "-D=KEY=VALUE", "Exit status:");
    }

    static Stream<Arguments> everyCommand() {
        return Stream.of(
                Arguments.of(List.of("demo")), Arguments.of(List.of("run")), Arguments.of(List.of("run", "heatmap")),
                Arguments.of(List.of("run", "repartition")), Arguments.of(List.of("run", "changelog")),
                Arguments.of(List.of("backup")), Arguments.of(List.of("restore")), Arguments.of(List.of("partition-map")),
                Arguments.of(List.of("heatmap")), Arguments.of(List.of("sql")));
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everySubCommandsHelpExplainsItWithOptionsAndAnExample(List<String> command) {
        String name = "thermocline " + String.join(" ", command);
        CliHarness.Result r = cli.run(Stream.concat(command.stream(), Stream.of("--help")).toArray(String[]::new));

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: " + name).contains("--help", "--config=FILE", "Example").contains("\n  " + name);
        assertThat(r.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void runListsItsJobsAndOnlyRepartitionTakesOnce() {
        assertThat(cli.run("run", "--help").out()).contains("heatmap", "repartition", "changelog");
        assertThat(cli.run("run", "repartition", "--help").out()).contains("--once");
        assertThat(cli.run("run", "heatmap", "--help").out()).doesNotContain("--once");
    }

    @Test
    void optionsShowTheirDefaults() {
        assertThat(cli.run("run", "heatmap", "--help").out()).contains("Default: kafka");
        assertThat(cli.run("sql", "--help").out()).contains("Default: table");
        assertThat(cli.run("partition-map", "--help").out()).contains("Default: now");
        assertThat(cli.run("--help").out()).contains("Default: thermocline", "Default: jdbc");
    }

    @Test
    void versionNamesTheProgram() {
        CliHarness.Result r = cli.run("--version");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("thermocline ");
    }

    static Stream<List<String>> clusterCommands() {
        return Stream.of(
                List.of("run", "heatmap", "--source", "file:access.jsonl"),
                List.of("run", "repartition", "--once"),
                List.of("restore", "--table", "orders", "--as-of", "0", "--range", "1..2"),
                List.of("backup"));
    }

    @ParameterizedTest
    @MethodSource("clusterCommands")
    void aClusterThatDoesNotAnswerIsOneLineNamingItsAddressAndExitOne(List<String> command) throws Exception {
        ConfigFiles.writeOrders(wd);
        java.nio.file.Files.writeString(wd.resolve("access.jsonl"), "");
        String closed = "127.0.0.1:" + dev.thermocline.embedded.FreePorts.next();
        List<String> args = new java.util.ArrayList<>(command);
        args.addAll(List.of("--cluster", closed));

        CliHarness.Result r = cli.run(args.toArray(String[]::new));

        assertThat(r.exit()).isEqualTo(ExitCode.FAILURE);
        assertThat(r.errLines()).containsExactly(
                "thermocline: cannot reach the Flink cluster at " + closed + " (--cluster): connection refused");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aClusterHostThatDoesNotResolveIsNamed() throws Exception {
        ConfigFiles.writeOrders(wd);

        CliHarness.Result r = cli.run("backup", "--cluster", "flink-jm.invalid:8081");

        assertThat(r.exit()).isEqualTo(ExitCode.FAILURE);
        assertThat(r.errLines()).containsExactly("thermocline: cannot reach the Flink cluster at flink-jm.invalid:8081 "
                + "(--cluster): unknown host 'flink-jm.invalid'");
    }

    @Test
    void aStreamingJobOnKafkaCannotTakeTheEmbeddedBrokerToACluster() throws Exception {
        ConfigFiles.writeOrders(wd);

        CliHarness.Result r = cli.run("run", "heatmap", "--cluster", "flink:8081");

        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).containsExactly("thermocline: --cluster with --source kafka needs "
                + "kafka.bootstrap-servers: a Flink cluster cannot read the embedded broker of this command");
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of(), "missing command: one of demo, run, backup, restore, partition-map, heatmap, sql"),
                Arguments.of(List.of("restre"), "'restre'"),
                Arguments.of(List.of("run"), "missing job: one of heatmap, repartition, changelog"),
                Arguments.of(List.of("run", "heatmap", "--once"), "'--once'"),
                Arguments.of(List.of("run", "heatmap", "--source", "ftp://x"), "--source 'ftp://x' is neither kafka nor file:PATH"),
                Arguments.of(List.of("run", "changelog", "--source", "file:missing.jsonl"), "--source 'file:missing.jsonl': "),
                Arguments.of(List.of("run", "heatmap", "--cluster", "flink:99999"), "--cluster: 'flink:99999': cluster port 99999"),
                Arguments.of(List.of("restore", "--table", "orders", "--as-of", "yesterday", "--range", "1..2"),
                        "--as-of: time 'yesterday' is neither an ISO-8601 instant"),
                Arguments.of(List.of("restore", "--as-of", "0", "--range", "1..2"), "Missing required option: '--table=TABLE'"),
                Arguments.of(List.of("restore", "--table", "ordrs", "--as-of", "0", "--range", "1..2"),
                        "--table: table 'ordrs' is not configured; configured tables: orders, customers"),
                Arguments.of(List.of("restore", "--table", "orders", "--as-of", "0"), "needs at least one --range or --keys"),
                Arguments.of(List.of("restore", "--table", "orders", "--range", "1..2"), "needs --as-of"),
                Arguments.of(List.of("restore", "--table", "orders", "--as-of", "0", "--range", "599..400"),
                        "--range: range '599..400': key interval 599..400 is inverted"),
                Arguments.of(List.of("restore", "--table", "orders", "--as-of", "0", "--keys", "7,x"),
                        "--keys: key list '7,x': key 'x' is not a long (table 'orders' has long keys)"),
                Arguments.of(List.of("restore", "--table", "orders", "--as-of", "0", "--range", "1..2", "--into", "t",
                        "--output", "o.jsonl"), "--into 't' and --output 'o.jsonl' exclude each other"),
                Arguments.of(List.of("restore", "--table", "orders", "--as-of", "0", "--range", "1..2", "--into", "changelog"),
                        "--into 'changelog' is one of Thermocline's own tables"),
                Arguments.of(List.of("restore", "--table", "orders", "--as-of", "0", "--range", "1..2", "--output", "no/such/dir/o.jsonl"),
                        "--output 'no/such/dir/o.jsonl': directory "),
                Arguments.of(List.of("partition-map", "--table", "orders", "--as-of", "2026-13-01T00:00:00Z"),
                        "--as-of: time '2026-13-01T00:00:00Z'"),
                Arguments.of(List.of("heatmap", "--table", "orders", "--out", "h.jpg"), "--out 'h.jpg' must end in .png or .html"),
                Arguments.of(List.of("heatmap", "--table", "orders", "--from", "2026-11-24T10:00:00Z", "--to", "2026-11-24T09:00:00Z",
                        "--out", "h.png"), "--from 2026-11-24T10:00:00Z is not before --to 2026-11-24T09:00:00Z"),
                Arguments.of(List.of("sql", "--format", "xml", "SELECT 1"), "--format: expected one of"),
                Arguments.of(List.of("sql"), "Missing required parameter: 'QUERY'"),
                Arguments.of(List.of("sql", "SELECT 1", "SELECT 2"), "'SELECT 2'"),
                Arguments.of(List.of("backup", "--table", "nope"), "--table: table 'nope' is not configured"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsGiveOneLineNamingTheInputAndExitTwo(List<String> args, String fragment) throws Exception {
        ConfigFiles.writeOrders(wd);
        CliHarness.Result r = cli.run(args.toArray(String[]::new));

        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("thermocline: ").contains(fragment).contains("--help')");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void mistypedCommandSuggestsTheRightOne() {
        assertThat(cli.run("restre").err()).contains("did you mean restore?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tables: {orders: {key: id, key-type: lng, key-domain: [0, 9]}}", "namespac: x"})
    void badConfigurationIsOneLineExitTwo(String yaml) throws Exception {
        java.nio.file.Files.writeString(wd.resolve("thermocline.yaml"), yaml);
        CliHarness.Result r = cli.run("backup");

        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("thermocline: ").contains(wd.resolve("thermocline.yaml").toString());
    }

    @Test
    void missingConfigFileNamesThePath() {
        CliHarness.Result r = cli.run("demo", "--config", "nope.yaml");

        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).containsExactly("thermocline: configuration file " + wd.resolve("nope.yaml")
                + " does not exist (given by --config)");
    }

    @Test
    void runtimeFailureIsOneLineWithTheRootCauseAndExitOne() {
        cli.actions = Actions.builder().sql((request, context) -> {
            throw new IllegalStateException("query failed\non two lines", new java.io.IOException("catalog.db is locked"));
        }).build();

        CliHarness.Result r = cli.run("sql", "SELECT 1");

        assertThat(r.exit()).isEqualTo(ExitCode.FAILURE);
        assertThat(r.errLines()).containsExactly("thermocline: query failed on two lines: catalog.db is locked");
    }

    @Test
    void anActionsOwnExitStatusIsReturned() {
        cli.actions = Actions.builder().demo((request, context) -> {
            context.out().println("done");
            return 0;
        }).build();

        CliHarness.Result r = cli.run("demo");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("done\n");
        assertThat(r.err()).isEmpty();
    }
}
