package dev.thermocline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.heatmap.HeatmapRows;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code thermocline run heatmap --source file:…}: a backfill through the command line on the embedded default. */
class HeatmapRunCommandITCase {

    @TempDir
    Path wd;

    @Test
    void aFileBackfillCountsEachWindowAndPartitionAndDeadLettersWhatItCannotRead() throws Exception {
        ConfigFiles.writeOrders(wd);
        Files.write(wd.resolve("access.jsonl"), List.of(
                access("\"2026-11-24T10:00:05Z\"", "orders", "\"10\"", "[\"status\"]", "read"),
                access("\"2026-11-24T10:00:30Z\"", "orders", "70000", "[\"status\",\"total\"]", "write"),
                access("1795514459000", "orders", "\"10\"", "[]", null),              // 10:00:59Z
                access("\"2026-11-24T10:01:10Z\"", "customers", "\"alice@example.com\"", "[\"name\"]", "read"),
                access("\"2026-11-24T10:01:20Z\"", "customers", "\"zed@example.com\"", "[]", "read"),
                "",
                "this line is not an access",
                access("\"2026-11-24T10:01:30Z\"", "ordres", "\"5\"", "[]", null),
                access("\"2026-11-24T10:02:00Z\"", "orders", "999999", "[]", "read")));
        CliHarness cli = new CliHarness(wd);

        CliHarness.Result run = cli.run("run", "heatmap", "--source", "file:access.jsonl");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("counted into thermocline.heatmap");
        CatalogSettings catalog = ThermoclineConfig.defaults(wd).catalogSettings();
        List<String> cells = read(catalog, ThermoclineTables.HEATMAP, r -> {
            HeatmapCell c = HeatmapRows.fromRecord(r);
            return c.windowStart() + " " + c.tableName() + "/" + c.partitionKey() + " " + c.accessCount() + " r"
                    + c.readCount() + " w" + c.writeCount() + " " + c.columnCounts();
        });
        assertThat(cells).containsExactlyInAnyOrder(
                "2026-11-24T10:00:00Z orders/p0 2 r1 w0 {status=1}",
                "2026-11-24T10:00:00Z orders/p1 1 r0 w1 {status=1, total=1}",
                "2026-11-24T10:01:00Z customers/p0 1 r1 w0 {name=1}",
                "2026-11-24T10:01:00Z customers/p3 1 r1 w0 {}",
                "2026-11-24T10:02:00Z orders/p15 1 r1 w0 {}");
        List<String> deadLetters = read(catalog, ThermoclineTables.DEAD_LETTERS, r -> (String) r.getField("source"));
        String file = "file:" + wd.resolve("access.jsonl").toAbsolutePath().normalize();
        assertThat(deadLetters).containsExactlyInAnyOrder(file + ":7", file + ":8");
    }

    @Test
    void heatmapSettingsFromEnvironmentAndFlagsShapeTheCells() throws Exception {
        ConfigFiles.writeOrders(wd);
        Files.write(wd.resolve("access.jsonl"), List.of(
                access("\"2026-11-24T10:00:05Z\"", "orders", "\"10\"", "[\"status\"]", "read"),
                access("\"2026-11-24T10:01:30Z\"", "orders", "\"20\"", "[]", "write"),
                access("\"2026-11-24T10:02:10Z\"", "orders", "\"30\"", "[]", "read")));
        CliHarness cli = new CliHarness(wd);
        cli.environment.put("THERMOCLINE_HEATMAP_WINDOW", "2m");

        CliHarness.Result run = cli.run("run", "heatmap", "--source", "file:access.jsonl",
                "-D", "heatmap.retention=2m:6h,10m:4d,1h:28d");

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> cells = read(ThermoclineConfig.defaults(wd).catalogSettings(), ThermoclineTables.HEATMAP, r -> {
            HeatmapCell c = HeatmapRows.fromRecord(r);
            return c.windowStart() + ".." + c.windowEnd() + " " + c.partitionKey() + " " + c.accessCount();
        });
        assertThat(cells).containsExactlyInAnyOrder(
                "2026-11-24T10:00:00Z..2026-11-24T10:02:00Z p0 2",
                "2026-11-24T10:02:00Z..2026-11-24T10:04:00Z p0 1");
    }

    @Test
    void anInvalidHeatmapSettingIsAOneLineErrorNamingKeyValueAndSource() throws Exception {
        ConfigFiles.writeOrders(wd);
        CliHarness cli = new CliHarness(wd);
        cli.environment.put("THERMOCLINE_HEATMAP_WINDOW", "2m");

        CliHarness.Result run = cli.run("run", "heatmap", "--source", "file:access.jsonl");

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.errLines()).containsExactly("thermocline: heatmap.window: '2m' does not divide the finest resolution 1m "
                + "of heatmap.retention (default), so roll-up could not merge whole cells; set heatmap.retention too, e.g. "
                + "2m:6h,10m:4d,1h:28d (environment THERMOCLINE_HEATMAP_WINDOW)");
    }

    private static String access(String timestamp, String table, String key, String columns, String op) {
        return "{\"timestamp\":" + timestamp + ",\"table_name\":\"" + table + "\",\"partition_key\":" + key
                + ",\"accessed_columns\":" + columns + (op == null ? "" : ",\"op\":\"" + op + "\"") + "}";
    }

    private static <T> List<T> read(CatalogSettings settings, String table, Function<Record, T> convert) throws Exception {
        Catalog catalog = IcebergCatalogs.load(settings);
        try (CloseableIterable<Record> rows = IcebergGenerics.read(
                catalog.loadTable(TableIdentifier.of(ThermoclineTables.DEFAULT_NAMESPACE, table))).build()) {
            List<T> out = new ArrayList<>();
            rows.forEach(r -> out.add(convert.apply(r)));
            return out;
        } finally {
            if (catalog instanceof Closeable c) {
                c.close();
            }
        }
    }
}
