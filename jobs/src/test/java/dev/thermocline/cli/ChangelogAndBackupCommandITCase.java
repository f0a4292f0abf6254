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
