package dev.thermocline.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.access.AccessOp;
import dev.thermocline.core.heat.CellAggregate;
import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.heat.RetentionPolicy;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.iceberg.GenericRowsWriter;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roll-up against a real Iceberg catalog: one atomic replace, counts kept, expired cells gone, idempotent. */
class HeatmapRollupActionTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path dir;
    private Catalog catalog;
    private Table table;

    @BeforeEach
    void createTable() {
        catalog = IcebergCatalogs.load(CatalogSettings.embeddedDefault(dir.resolve("warehouse")));
        table = ThermoclineTables.createAll(catalog, ThermoclineTables.DEFAULT_NAMESPACE).get(ThermoclineTables.HEATMAP);
    }

    @AfterEach
    void closeCatalog() throws Exception {
        if (catalog instanceof Closeable c) {
            c.close();
        }
    }

    @Test
    void oldMinutesAreReplacedByCoarseCellsInOneCommitAndASecondRunChangesNothing() {
        List<HeatmapCell> cells = new ArrayList<>();
        Instant tenMinutesAgoSevenHours = Instant.parse("2026-11-24T05:00:00Z");
        for (int m = 0; m < 10; m++) {
            cells.add(minute(tenMinutesAgoSevenHours.plus(Duration.ofMinutes(m)), "p1", 3));
        }
        Instant fiveDaysAgo = Instant.parse("2026-11-19T07:00:00Z");
        for (int m = 0; m < 60; m += 10) {
            cells.add(tenMinutes(fiveDaysAgo.plus(Duration.ofMinutes(m)), "p2", 4));
        }
        cells.add(minute(NOW.minus(Duration.ofDays(40)), "p1", 5));       // expired
        HeatmapCell young = minute(Instant.parse("2026-11-24T11:30:00Z"), "p1", 6);
        cells.add(young);
        append(cells.subList(0, 8));   // several files: the roll-up must gather a bucket across them
        append(cells.subList(8, cells.size()));
        long before = table.currentSnapshot().snapshotId();

        HeatmapRollupAction action = new HeatmapRollupAction(table, RetentionPolicy.KEY_VISUALIZER,
                Map.of("orders", KeyType.LONG), Clock.fixed(NOW, ZoneOffset.UTC));
        HeatmapRollupAction.Result result = action.run();

        table.refresh();
        assertThat(table.currentSnapshot().parentId()).isEqualTo(before);
        assertThat(table.currentSnapshot().operation()).isEqualTo(DataOperations.REPLACE);
        assertThat(result.cellsRemoved()).isEqualTo(10 + 6 + 1);
        assertThat(result.cellsAdded()).isEqualTo(2);
        List<HeatmapCell> after = IcebergFixture.cells(CatalogSettings.embeddedDefault(dir.resolve("warehouse")));
        assertThat(after).extracting(c -> c.partitionKey() + " " + c.windowStart() + "/" + c.windowEnd() + " " + c.accessCount())
                .containsExactlyInAnyOrder(
                        "p1 2026-11-24T05:00:00Z/2026-11-24T05:10:00Z 30",
                        "p2 2026-11-19T07:00:00Z/2026-11-19T08:00:00Z 24",
                        "p1 2026-11-24T11:30:00Z/2026-11-24T11:31:00Z 6");
        assertThat(after).filteredOn(c -> c.partitionKey().equals("p2")).singleElement()
                .satisfies(c -> assertThat(KeySketch.fromBytes(KeyType.LONG, c.keySketch()).n()).isEqualTo(24));
        assertThat(after).contains(young);

        assertThat(action.run().snapshotId()).as("second run").isNull();
    }

    private void append(List<HeatmapCell> cells) {
        List<Record> rows = cells.stream().map(c -> HeatmapRows.toRecord(table.schema(), c)).toList();
        AppendFiles append = table.newAppend();
        GenericRowsWriter.write(table, rows).forEach(append::appendFile);
        append.commit();
    }

    private static HeatmapCell minute(Instant start, String partition, int accesses) {
        return cell(start, Duration.ofMinutes(1), partition, accesses);
    }

    private static HeatmapCell tenMinutes(Instant start, String partition, int accesses) {
        return cell(start, Duration.ofMinutes(10), partition, accesses);
    }

    private static HeatmapCell cell(Instant start, Duration width, String partition, int accesses) {
        CellAggregate a = CellAggregate.empty(KeyType.LONG);
        for (int i = 0; i < accesses; i++) {
            a.add(Key.of(start.getEpochSecond() + i), AccessOp.READ, List.of("status"));
        }
        return a.toCell(start, start.plus(width), "orders", partition);
    }
}
