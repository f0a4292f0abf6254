package dev.thermocline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.workload.WorkloadSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product on a small workload: two phases produced to the embedded Kafka broker and read
 * by the changelog and heatmap jobs, repartition and backup after each, then a restore checked
 * against a replay of the generator's history. The demo exits 1 when the restore differs from that
 * oracle, so exit 0 here is the end-to-end guarantee. Then the README's tour runs, line by line,
 * through the real command line against the warehouse the demo left.
 */
class DemoActionITCase {

    @TempDir
    static Path wd;

    private static String output;
    private static int exit;

    @BeforeAll
    static void runTheDemo() throws Exception {
        WorkloadSpec small = WorkloadSpec.orders(7).withInitialRows(20_000).withEvents(20_000, 10_000)
                .withBadRecordShare(0.002);
        StringWriter out = new StringWriter();
        ActionContext context = new ActionContext(ThermoclineConfig.defaults(wd), new PrintWriter(out),
                new PrintWriter(new StringWriter()), Clock.systemUTC(), wd);
        exit = new DemoAction(small, null).run(new DemoRequest(), context);
        output = out.toString();
    }

    @Test
    void demoRestoresTheHotRangeExactlyAsTheHistorySays() throws Exception {
        assertThat(output).contains("restore check      OK: equals the replay of the generated history");
        assertThat(exit).as(output).isZero();
        Path dir = wd.resolve("thermocline-demo");
        assertThat(dir.resolve("restored-orders.jsonl")).isNotEmptyFile();
        assertThat(Files.size(dir.resolve("heatmap.png"))).isPositive();
        // Every malformed record produced to Kafka reached the dead-letter table, nothing else did.
        String produced = between(output, "(", " malformed records were produced)");
        assertThat(output).contains("dead letters       " + produced + " in table dead_letters");
        assertThat(output).containsPattern("events processed   [\\d,]+ through Kafka: 20,0\\d\\d accesses counted");
        assertThat(output).contains("partitions before  16 (revision 0)", "partitions after", "backup runs        2",
                "  full-table", "  static 16 ranges");
    }

    @Test
    void readmeTourRunsOnTheDemosWarehouse() throws Exception {
        assertThat(exit).as(output).isZero();
        List<ReadmeTour.Line> tour = ReadmeTour.read(ProjectFilesTest.ROOT.resolve("README.md"));
        Path cwd = wd;
        for (ReadmeTour.Line line : tour) {
            if (line.cd() != null) {
                cwd = cwd.resolve(line.cd()).normalize();
                assertThat(cwd).as(line.text()).isDirectory();
                continue;
            }
            CliHarness.Result r = new CliHarness(cwd).run(line.thermoclineArgs().toArray(String[]::new));
            assertThat(r.exit()).as(line.text() + "\n" + r.err()).isZero();
            assertThat(r.out()).as(line.text()).isNotBlank();
            List<String> args = line.thermoclineArgs();
            switch (args.get(0)) {
                case "sql" -> {
                    if (args.contains("csv")) {
                        assertThat(r.out().lines().count()).as(line.text() + "\n" + r.out()).isGreaterThan(1);
                    } else {
                        assertThat(r.out()).as(line.text()).containsPattern("\\([1-9]\\d* rows?\\)");
                    }
                }
                case "restore" -> {
                    if (args.contains("--explain")) {
                        assertThat(r.out()).as(line.text()).contains("Restore plan for 'orders'", "full-table restore");
                    } else {
                        assertThat(r.out()).as(line.text()).containsPattern("restored [1-9][\\d,]* rows? into");
                    }
                }
                case "partition-map" -> assertThat(r.out()).as(line.text()).contains("table orders: revision");
                case "heatmap" -> assertThat(cwd.resolve(args.get(args.indexOf("--out") + 1))).isNotEmptyFile();
                default -> { }
            }
        }
        assertThat(tour).hasSizeGreaterThan(5);
    }

    private static String between(String text, String open, String close) {
        int end = text.indexOf(close);
        return text.substring(text.lastIndexOf(open, end) + open.length(), end);
    }
}
