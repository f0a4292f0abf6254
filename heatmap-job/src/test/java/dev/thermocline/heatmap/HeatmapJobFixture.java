package dev.thermocline.heatmap;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import dev.thermocline.flink.partitionmap.VersionedHistory;
import dev.thermocline.testing.CheckpointedEnvironment;
import dev.thermocline.workload.Workload;
import dev.thermocline.workload.WorkloadSpec;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.catalog.Catalog;

/** The table, workload, partition maps and environment the heatmap ITCases share. */
final class HeatmapJobFixture {

    static final TableSpec ORDERS = new TableSpec("orders", "id", KeyType.LONG,
            new InitialPartitioning.EqualRanges(16, Key.of(0L), Key.of(1_000_000L)));
    static final Map<String, TableSpec> TABLES = Map.of("orders", ORDERS);
    static final Duration WINDOW = Duration.ofMinutes(1);

    private HeatmapJobFixture() {}

    /** {@code orders}' demo shape (Zipf around a hotspot that moves at half time, 5% out of order by up to 20 s). */
    static WorkloadSpec workload(long seed, long accesses) {
        return WorkloadSpec.orders(seed).withEvents(accesses, 0).withInitialRows(0);
    }

    static List<Access> accesses(WorkloadSpec spec) {
        return Workload.generate(spec).accessEvents().stream().map(Access::of).toList();
    }

    /** A clock after the workload, so no access is "in the future". */
    static Clock clockAfter(WorkloadSpec spec) {
        return Clock.fixed(spec.start().plus(spec.duration()).plus(Duration.ofHours(1)), ZoneOffset.UTC);
    }

    static HeatmapJobOptions options() {
        return HeatmapJobOptions.defaults().withWindow(WINDOW).withMaxOutOfOrderness(Duration.ofSeconds(30))
                .withAllowedLateness(Duration.ofMinutes(1)).withMapPollInterval(Duration.ofMillis(200));
    }

    static HeatmapDeployment deployment(CatalogSettings catalog, Clock clock) {
        return new HeatmapDeployment(catalog, ThermoclineTables.DEFAULT_NAMESPACE, TABLES, clock);
    }

    /** Commits a revision splitting {@code partition} at {@code at}, valid from {@code validFrom}; returns the history. */
    static PartitionMapHistory commitSplit(CatalogSettings settings, String partition, long at, Instant validFrom) {
        Catalog catalog = IcebergCatalogs.load(settings);
        try {
            ThermoclineTables.createAll(catalog, ThermoclineTables.DEFAULT_NAMESPACE);
            PartitionMapStore store = new PartitionMapStore(catalog, ThermoclineTables.DEFAULT_NAMESPACE, TABLES);
            VersionedHistory base = store.loadVersioned("orders");
            PartitionMap next = base.history().latest().orElseThrow().split(partition, Key.of(at), validFrom, "test split");
            return store.commit(base, next, Map.of()).history();
        } finally {
            if (catalog instanceof Closeable c) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // test cleanup
                }
            }
        }
    }

    static PartitionMapHistory initialHistory() {
        return PartitionMapHistory.empty("orders").add(PartitionMap.initial(ORDERS, Instant.EPOCH));
    }

    /** Parallelism 2, RocksDB, incremental checkpoints every 300 ms, {@code restarts} quick restarts. */
    static StreamExecutionEnvironment environment(Path dir, int restarts) {
        Configuration config = CheckpointedEnvironment.configuration(dir.resolve("checkpoints"), Duration.ofMillis(300));
        config.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        if (restarts == 0) {
            config.setString("restart-strategy.type", "none");
        } else {
            config.setString("restart-strategy.fixed-delay.attempts", Integer.toString(restarts));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        return env;
    }

    static JobExecutionResult run(HeatmapJob job, StreamExecutionEnvironment env) throws Exception {
        job.build(env);
        return env.execute(HeatmapJob.NAME);
    }
}
