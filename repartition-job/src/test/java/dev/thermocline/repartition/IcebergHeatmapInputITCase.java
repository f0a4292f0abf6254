package dev.thermocline.repartition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The heatmap as the planner sees it: a bounded read of a real table gives back exactly the cells written. */
class IcebergHeatmapInputITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    @TempDir
    Path dir;

    @Test
    void aBoundedReadReturnsTheConfiguredTablesCellsWithTheirSketches() throws Exception {
        TestWarehouse warehouse = new TestWarehouse(dir);
        PartitionMap initial = PartitionMap.initial(TestWarehouse.ORDERS, Instant.EPOCH);
        List<HeatmapCell> written = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            List<HeatmapCell> cells = SyntheticHeatmap.window(w, initial, new SyntheticHeatmap.Hotspot(500_000, 1_000));
            warehouse.writeHeatmap(cells);
            written.addAll(cells);
        }
        warehouse.writeHeatmap(List.of(new HeatmapCell(SyntheticHeatmap.T0, SyntheticHeatmap.windowEnd(0), "customers",
                "p0", 5, 5, 0, Map.of(), new byte[] {1, 2})));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<HeatSample> read = new ArrayList<>();
        new IcebergHeatmapInput(IcebergCatalogs.flinkLoader(warehouse.settings),
                TableIdentifier.of(ThermoclineTables.DEFAULT_NAMESPACE, ThermoclineTables.HEATMAP), Set.of("orders"),
                true, Duration.ofSeconds(1))
                .read(env).executeAndCollect().forEachRemaining(read::add);

        // read and write counts and column counts are not read: the planner does not use them
        List<HeatmapCell> expected = written.stream().map(c -> new HeatmapCell(c.windowStart(), c.windowEnd(),
                c.tableName(), c.partitionKey(), c.accessCount(), 0, 0, Map.of(), c.keySketch())).toList();
        assertThat(read.stream().map(HeatSample::toCell).toList()).containsExactlyInAnyOrderElementsOf(expected);
    }
}
