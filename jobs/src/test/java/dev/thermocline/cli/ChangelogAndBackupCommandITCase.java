package dev.thermocline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code thermocline run changelog --source file:…} then {@code thermocline backup}, twice, through
 * the command line on the embedded default, and a restore from what they wrote.
 */
class ChangelogAndBackupCommandITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    @TempDir
    Path wd;

    @Test
    void fileIngestThenBackupThenNothingDueAndARestoreReadsTheBackup() throws Exception {
        ConfigFiles.writeOrders(wd);
        Files.write(wd.resolve("changes.jsonl"), List.of(
                change("c", "null", "{\"id\":7,\"status\":\"new\"}", "10:00:00", 100),
                change("u", "{\"id\":7,\"status\":\"new\"}", "{\"id\":7,\"status\":\"paid\"}", "10:01:00", 200),
                change("c", "null", "{\"id\":900000,\"status\":\"new\"}", "10:02:00", 300),
                change("c", "null", "{\"id\":8,\"status\":\"new\"}", "10:03:00", 400),
                change("d", "{\"id\":8,\"status\":\"new\"}", "null", "10:04:00", 500),
                "this line is not a change event",
                change("u", "{\"id\":7,\"status\":\"paid\"}", "{\"id\":7,\"status\":\"shipped\"}", "10:10:00", 600)));
        CliHarness cli = new CliHarness(wd);

        CliHarness.Result ingest = cli.run("run", "changelog", "--source", "file:changes.jsonl");
        assertThat(ingest.exit()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("ingested");

        CliHarness.Result first = cli.run("backup", "--table", "orders");
        assertThat(first.exit()).as(first.err()).isZero();
        // complete through the newest change minus the 30 s out-of-orderness bound
        assertThat(first.out()).startsWith("orders: cutoff 2026-11-24T10:09:29.999Z, revision 0, copied p0 (first copy),")
                .contains("p15 (first copy); carried over 0; backups snapshot ");

        CliHarness.Result second = cli.run("backup", "--table", "orders");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).startsWith("orders: nothing due at cutoff 2026-11-24T10:09:29.999Z; 16 copies unchanged");

        CliHarness.Result onDemand = cli.run("backup", "--table", "orders", "--partition", "p3");
        assertThat(onDemand.exit()).as(onDemand.err()).isZero();
        assertThat(onDemand.out()).startsWith(
                "orders: cutoff 2026-11-24T10:09:29.999Z, revision 0, copied p3 (on demand); carried over 15; ");

        CliHarness.Result partitionWithoutTable = cli.run("backup", "--partition", "p3");
        assertThat(partitionWithoutTable.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(partitionWithoutTable.err()).contains("--partition p3 needs --table");

        CliHarness.Result forced = cli.run("backup", "--force", "-D", "backup.retention=1h");
        assertThat(forced.exit()).as(forced.err()).isZero();
        // every configured table: orders' copies are forced, customers (never backed up) get their first ones
        assertThat(forced.out().lines().toList()).hasSize(3);
        assertThat(forced.out()).contains("orders: cutoff 2026-11-24T10:09:29.999Z, revision 0, copied p0 (on demand), "
                        + "p1 (on demand)").contains("p15 (on demand); carried over 0")
                .contains("customers: cutoff 2026-11-24T10:09:29.999Z, revision 0, copied p0 (first copy)")
                .contains("retention PT1H: no backup is older than 2026-11-24T11:00:00Z, nothing expired");

        // two more changes (the log is complete through the newer minus 30 s): one change to p0 since its copy
        Files.write(wd.resolve("more.jsonl"), List.of(
                change("u", "{\"id\":7,\"status\":\"shipped\"}", "{\"id\":7,\"status\":\"returned\"}", "10:20:00", 700),
                change("c", "null", "{\"id\":9,\"status\":\"new\"}", "10:30:00", 800)));
        assertThat(cli.run("run", "changelog", "--source", "file:more.jsonl").exit()).isZero();
        CliHarness.Result notDue = cli.run("backup", "--table", "orders");
        assertThat(notDue.out()).startsWith("orders: nothing due at cutoff 2026-11-24T10:29:29.999Z; 16 copies unchanged");
        CliHarness.Result dueByVolume = cli.run("backup", "--table", "orders", "-D", "backup.due.changes=1");
        assertThat(dueByVolume.exit()).as(dueByVolume.err()).isZero();
        assertThat(dueByVolume.out()).startsWith(
                "orders: cutoff 2026-11-24T10:29:29.999Z, revision 0, copied p0 (volume); carried over 15; ");

        CliHarness.Result restore = cli.run("restore", "--table", "orders", "--as-of", "2026-11-24T10:05:00Z",
                "--range", "..", "--output", "restored.jsonl");
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(Files.readAllLines(wd.resolve("restored.jsonl")))
                .hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("\"key\":7").contains("paid"))
                .anySatisfy(l -> assertThat(l).contains("\"key\":900000"));

        Catalog catalog = IcebergCatalogs.load(CatalogSettings.embeddedDefault(wd.resolve("warehouse")));
        try {
            Table deadLetters = catalog.loadTable(TableIdentifier.of(ThermoclineTables.DEFAULT_NAMESPACE,
                    ThermoclineTables.DEAD_LETTERS));
            assertThat(deadLetters.currentSnapshot().summary()).containsEntry("total-records", "1");
        } finally {
            if (catalog instanceof Closeable c) {
                c.close();
            }
        }
    }

    private static String change(String op, String before, String after, String time, long lsn) {
        long ts = java.time.Instant.parse("2026-11-24T" + time + "Z").toEpochMilli();
        return "{\"before\":" + before + ",\"after\":" + after + ",\"op\":\"" + op + "\",\"ts_ms\":" + (ts + 5)
                + ",\"source\":{\"schema\":\"public\",\"table\":\"orders\",\"ts_ms\":" + ts + ",\"lsn\":" + lsn + "}}";
    }
}
