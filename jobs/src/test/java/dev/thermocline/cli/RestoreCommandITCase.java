package dev.thermocline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.iceberg.GenericRowsWriter;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code thermocline restore} through the command line on the embedded default: a file, explain, errors. */
class RestoreCommandITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    private static final Instant T0 = Instant.parse("2026-11-24T10:30:00Z");

    @TempDir
    Path wd;
    CliHarness cli;

    @BeforeEach
    void tableWithChanges() throws Exception {
        ConfigFiles.writeOrders(wd);
        cli = new CliHarness(wd);
        Catalog catalog = IcebergCatalogs.load(CatalogSettings.embeddedDefault(wd.resolve("warehouse")));
        try {
            ThermoclineTables.createAll(catalog, ThermoclineTables.DEFAULT_NAMESPACE);
            Table changelog = catalog.loadTable(TableIdentifier.of(ThermoclineTables.DEFAULT_NAMESPACE, "changelog"));
            PartitionMap map = PartitionMap.initial(new TableSpec("orders", "id", KeyType.LONG,
                    new InitialPartitioning.EqualRanges(16, Key.of(0), Key.of(1_000_000))), Instant.EPOCH);
            List<Record> rows = new ArrayList<>();
            // 10400..10409 created at T0, 10403 updated at T0+60s, 10404 deleted at T0+60s
            for (long k = 10400; k < 10410; k++) {
                rows.add(change(changelog, map, k, "c", 100 + k, T0, "{\"id\":" + k + ",\"status\":\"new\"}"));
            }
            rows.add(change(changelog, map, 10403, "u", 20000, T0.plusSeconds(60), "{\"id\":10403,\"status\":\"paid\"}"));
            rows.add(change(changelog, map, 10404, "d", 20001, T0.plusSeconds(60), null));
            AppendFiles append = changelog.newAppend();
            GenericRowsWriter.write(changelog, rows).forEach(append::appendFile);
            append.commit();
        } finally {
            ((AutoCloseable) catalog).close();
        }
    }

    @Test
    void restoresARangeIntoAJsonLinesFileSortedByKeyAndPrintsPredictedVersusActual() throws Exception {
        CliHarness.Result r = cli.run("restore", "--table", "orders", "--as-of", "2026-11-24T10:30:30Z",
                "--range", "10402..10404", "--keys", "10408", "--output", "rows.jsonl");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readAllLines(wd.resolve("rows.jsonl"))).containsExactly(
                "{\"key\":10402,\"row\":{\"id\":10402,\"status\":\"new\"},\"lsn\":10502,\"ts\":\"2026-11-24T10:30:00Z\"}",
                "{\"key\":10403,\"row\":{\"id\":10403,\"status\":\"new\"},\"lsn\":10503,\"ts\":\"2026-11-24T10:30:00Z\"}",
                "{\"key\":10404,\"row\":{\"id\":10404,\"status\":\"new\"},\"lsn\":10504,\"ts\":\"2026-11-24T10:30:00Z\"}",
                "{\"key\":10408,\"row\":{\"id\":10408,\"status\":\"new\"},\"lsn\":10508,\"ts\":\"2026-11-24T10:30:00Z\"}");
        assertThat(r.out()).contains("restored 4 rows into file " + wd.resolve("rows.jsonl"), "predicted", "actual");

        CliHarness.Result later = cli.run("restore", "--table", "orders", "--as-of", "1795516260000",
                "--range", "10403..10404", "--output", "later.jsonl");
        assertThat(later.exit()).as(later.err()).isZero();
        assertThat(Files.readAllLines(wd.resolve("later.jsonl"))).containsExactly(
                "{\"key\":10403,\"row\":{\"id\":10403,\"status\":\"paid\"},\"lsn\":20000,\"ts\":\"2026-11-24T10:31:00Z\"}");
    }

    @Test
    void explainPrintsThePlanAndTheFullTableBesideItWithoutWritingAnything() {
        CliHarness.Result r = cli.run("restore", "--table", "orders", "--as-of", "2026-11-24T10:31:00Z",
                "--range", "10400..10409", "--explain");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Restore plan for 'orders'", "none: change log from its start", "this restore",
                "full-table restore", "predicted duration", "changelog files / bytes");
        assertThat(wd.resolve("warehouse")).isDirectory();
    }

    @Test
    void anAsOfBeforeAnyDataIsOneLineAndExitOne() {
        CliHarness.Result r = cli.run("restore", "--table", "orders", "--as-of", "2026-11-24T10:29:59Z",
                "--range", "1..2", "--output", "none.jsonl");

        assertThat(r.exit()).isEqualTo(ExitCode.FAILURE);
        assertThat(r.errLines()).containsExactly("thermocline: as-of 2026-11-24T10:29:59Z is before any data of table "
                + "'orders' (its first change is at 2026-11-24T10:30:00Z)");
        assertThat(wd.resolve("none.jsonl")).doesNotExist();
    }

    private static Record change(Table t, PartitionMap map, long key, String op, long lsn, Instant ts, String row) {
        GenericRecord r = GenericRecord.create(t.schema());
        r.setField("table_name", "orders");
        r.setField("partition_key", map.partitionFor(Key.of(key)).partitionKey());
        r.setField("key", Long.toString(key));
        r.setField("key_long", key);
        r.setField("op", op);
        r.setField("lsn", lsn);
        r.setField("seq", 0L);
        r.setField("ts", OffsetDateTime.ofInstant(ts, ZoneOffset.UTC));
        r.setField("row", row);
        return r;
    }
}
