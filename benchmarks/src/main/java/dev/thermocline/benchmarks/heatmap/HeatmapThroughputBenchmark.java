package dev.thermocline.benchmarks.heatmap;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.embedded.EmbeddedKafka;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.format.SourceRecord;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.kafka.SourceRecordDeserializer;
import dev.thermocline.heatmap.HeatmapDeployment;
import dev.thermocline.heatmap.HeatmapJob;
import dev.thermocline.heatmap.HeatmapJobOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Events per second per core of the heatmap job against a Flink SQL {@code TUMBLE … GROUP BY table,
 * partition … COUNT(*)} baseline, on the same Kafka JSON input, in one run: a real in-process broker,
 * one topic partition, both at parallelism 1 on RocksDB with incremental checkpoints every 10 s. The
 * job writes its cells to a real Iceberg table; the baseline to a blackhole. Rounds alternate the two
 * so JIT warm-up and machine noise hit both; the best round of each counts.
 *
 * <pre>MAVEN_OPTS="-Xmx3g $FLINK_OPENS" mvn -B -o -q -pl benchmarks -am verify -Pbench -DskipTests \
 *   -Dbench.main=heatmap.HeatmapThroughputBenchmark -Dbench.args="--events 2000000 --rounds 2"</pre>
 */
public final class HeatmapThroughputBenchmark {

    private static final TableSpec ORDERS = new TableSpec("orders", "id", KeyType.LONG,
            new InitialPartitioning.EqualRanges(16, Key.of(0L), Key.of(1_000_000L)));
    private static final long RANGE_WIDTH = 1_000_000 / 16;
    private static final String TOPIC = "bench-access";

    record Run(String name, long events, double wallSeconds, double taskCpuSeconds, double processCpuSeconds,
               String busiestThreads) {
        double perTaskCore() {
            return events / taskCpuSeconds;
        }

        double perProcessCore() {
            return events / processCpuSeconds;
        }

        double perWallSecond() {
            return events / wallSeconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-9s wall %6.1f s %9.0f ev/s | task CPU %6.1f s %9.0f ev/s/core | "
                    + "process CPU %6.1f s %9.0f ev/s/core", name, wallSeconds, perWallSecond(), taskCpuSeconds,
                    perTaskCore(), processCpuSeconds, perProcessCore());
        }
    }

    private HeatmapThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        long events = longArg(args, "--events", 2_000_000);
        int rounds = (int) longArg(args, "--rounds", 2);
        String only = stringArg(args, "--only", "both"); // heatmap | flink-sql | both (e.g. to profile one side)
        Path work = Files.createTempDirectory("heatmap-bench-");
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            kafka.createTopic(TOPIC, 1);
            long start = System.nanoTime();
            long bytes = BenchmarkInput.produce(kafka.bootstrapServers(), TOPIC, events, 42);
            System.out.printf(Locale.ROOT, "input: %d access records, %.1f MB of JSON, produced in %.1f s; %d cores%n",
                    events, bytes / 1e6, (System.nanoTime() - start) / 1e9, Runtime.getRuntime().availableProcessors());
            List<Run> ours = new ArrayList<>();
            List<Run> sql = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                if (!only.equals("flink-sql")) {
                    ours.add(measure("heatmap", events, () -> runHeatmapJob(kafka, work.resolve("round-" + ours.size()))));
                    System.out.println("round " + round + ": " + ours.get(ours.size() - 1) + ours.get(ours.size() - 1).busiestThreads());
                }
                if (!only.equals("heatmap")) {
                    sql.add(measure("flink-sql", events, () -> SqlBaseline.run(environment(work.resolve("sql-" + sql.size())),
                            kafka.bootstrapServers(), TOPIC, RANGE_WIDTH)));
                    System.out.println("round " + round + ": " + sql.get(sql.size() - 1) + sql.get(sql.size() - 1).busiestThreads());
                }
            }
            if (ours.isEmpty() || sql.isEmpty()) {
                return;
            }
            Run bestOurs = ours.stream().max((a, b) -> Double.compare(a.perTaskCore(), b.perTaskCore())).orElseThrow();
            Run bestSql = sql.stream().max((a, b) -> Double.compare(a.perTaskCore(), b.perTaskCore())).orElseThrow();
            System.out.println("best: " + bestOurs);
            System.out.println("best: " + bestSql);
            System.out.printf(Locale.ROOT, "ratio heatmap/sql: %.2fx per task core, %.2fx per process core, %.2fx wall%n",
                    bestOurs.perTaskCore() / bestSql.perTaskCore(), bestOurs.perProcessCore() / bestSql.perProcessCore(),
                    bestOurs.perWallSecond() / bestSql.perWallSecond());
        }
    }

    interface Job {
        void run() throws Exception;
    }

    private static Run measure(String name, long events, Job job) throws Exception {
        long start = System.nanoTime();
        try (TaskCpu cpu = TaskCpu.start()) {
            job.run();
            double wall = (System.nanoTime() - start) / 1e9;
            cpu.close();
            return new Run(name, events, wall, cpu.taskSeconds(), cpu.processSeconds(), cpu.busiest(5));
        }
    }

    private static void runHeatmapJob(EmbeddedKafka kafka, Path dir) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
        HeatmapDeployment deployment = new HeatmapDeployment(CatalogSettings.embeddedDefault(dir.resolve("warehouse")),
                ThermoclineTables.DEFAULT_NAMESPACE, Map.of("orders", ORDERS), clock);
        KafkaSource<SourceRecord> source = KafkaSource.<SourceRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(TOPIC)
                .setGroupId("heatmap-" + dir.getFileName())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new SourceRecordDeserializer())
                .build();
        HeatmapJobOptions options = HeatmapJobOptions.defaults();
        HeatmapJob job = deployment.job(source,
                deployment.deadLetterOutput(HeatmapDeployment.DeadLetterTarget.ICEBERG, null), options);
        StreamExecutionEnvironment env = environment(dir.resolve("checkpoints"));
        job.build(env);
        env.execute(HeatmapJob.NAME);
    }

    /** Parallelism 1, RocksDB with incremental checkpoints every 10 s: the production shape on one core. */
    private static StreamExecutionEnvironment environment(Path checkpoints) {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toAbsolutePath().toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        return env;
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static long longArg(String[] args, String name, long fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Long.parseLong(args[i + 1]);
            }
        }
        return fallback;
    }
}
