package dev.thermocline.repartition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.repartition.Decision;
import dev.thermocline.core.repartition.HeatClass;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log against a real catalog: rows as the table defines them, each revision once. */
class SplitRequestLogTest {

    private static final Instant AT = Instant.parse("2026-11-24T10:05:00Z");

    @TempDir
    Path dir;

    @Test
    void writesSplitAndMergeRowsWithTheirEvidence() {
        TestWarehouse warehouse = new TestWarehouse(dir);
        PartitionMap r1 = initial().split("p4", Key.of(501_024), AT, "r1");
        Decision split = new Decision(Decision.Kind.SPLIT, List.of("p4"), Key.of(501_024), "p8", 2100.0, 2300.5,
                0.75, 0.78, HeatClass.HOT, 0.95, "hot");
        assertThat(log(warehouse).append(r1, List.of(split))).isTrue();
        PartitionMap r2 = r1.merge(List.of("p0", "p1"), AT.plusSeconds(600), "r2");
        Decision merge = new Decision(Decision.Kind.MERGE, List.of("p0", "p1"), null, "p0", 12.0, 10.0,
                0.01, 0.01, HeatClass.COLD, Double.NaN, "cold");
        assertThat(log(warehouse).append(r2, List.of(merge))).isTrue();

        assertThat(warehouse.splitRequests()).containsExactlyInAnyOrder(
                new TestWarehouse.SplitRequestRow(1, "split", "p4", "501024", "p8", null, AT),
                new TestWarehouse.SplitRequestRow(2, "merge", "p0", null, null, List.of("p0", "p1"), AT.plusSeconds(600)));
        assertThat(warehouse.snapshotRevisions(ThermoclineTables.SPLIT_REQUESTS)).containsExactly("1", "2");
        assertThat(warehouse.splitRequestEvidence()).containsExactlyInAnyOrder(
                new TestWarehouse.Evidence(1, "p4", 2100.0, 2300.5, "hot", 0.75, 0.78, List.of(0.95, 1 - 0.95), "hot"),
                new TestWarehouse.Evidence(2, "p0", 12.0, 10.0, "cold", 0.01, 0.01, null, "cold"));
    }

    @Test
    void writersRacingToLogTheSameRevisionLogItOnce() throws Exception {
        TestWarehouse warehouse = new TestWarehouse(dir);
        PartitionMap r1 = initial().split("p4", Key.of(501_024), AT, "r1");
        Decision split = new Decision(Decision.Kind.SPLIT, List.of("p4"), Key.of(501_024), "p8", 1, 1, 0.5, 0.5,
                HeatClass.HOT, 0.5, "hot");
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> wrote = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            SplitRequestLog own = log(new TestWarehouse(dir));
            wrote.add(pool.submit(() -> {
                start.await();
                return own.append(r1, List.of(split));
            }));
        }
        start.countDown();
        int written = 0;
        for (Future<Boolean> f : wrote) {
            written += f.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(written).as("writers that logged the revision").isEqualTo(1);
        assertThat(warehouse.splitRequests()).hasSize(1);
        assertThat(warehouse.snapshotRevisions(ThermoclineTables.SPLIT_REQUESTS)).containsExactly("1");
    }

    private static SplitRequestLog log(TestWarehouse warehouse) {
        return new SplitRequestLog(IcebergCatalogs.load(warehouse.settings),
                TableIdentifier.of(ThermoclineTables.DEFAULT_NAMESPACE, ThermoclineTables.SPLIT_REQUESTS));
    }

    private static PartitionMap initial() {
        return PartitionMap.initial(TestWarehouse.ORDERS, Instant.EPOCH);
    }

}
