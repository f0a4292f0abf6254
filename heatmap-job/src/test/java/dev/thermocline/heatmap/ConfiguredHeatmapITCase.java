package dev.thermocline.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.embedded.EmbeddedKafka;
import dev.thermocline.flink.config.ConfigSources;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.kafka.KafkaSettings;
import dev.thermocline.heatmap.HeatmapDeployment.DeadLetterTarget;
import dev.thermocline.testing.CheckpointedEnvironment;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import dev.thermocline.workload.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code heatmap.*} settings change what the job does: loaded the way every command loads them
 * (flags over environment over defaults), a 2-minute window gives 2-minute cells that equal a count
 * with 2-minute windows, an allowed lateness of zero makes an access late that the default minute
 * would have counted, and a small record limit rejects a record the default would have read.
 */
class ConfiguredHeatmapITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    private static final Duration TWO_MINUTES = Duration.ofMinutes(2);

    @Test
    void windowLatenessAndRecordLimitComeFromTheConfiguration(@TempDir Path dir) throws Exception {
        ThermoclineConfig config = ThermoclineConfig.load(ConfigSources.in(dir)
                .withEnvironment(Map.of("THERMOCLINE_HEATMAP_ALLOWED_LATENESS", "0s",
                        "THERMOCLINE_HEATMAP_MAX_RECORD_BYTES", "400"))
                .withOverride("tables.orders.key", "id", "-D tables.orders.key")
                .withOverride("tables.orders.key-type", "long", "-D tables.orders.key-type")
                .withOverride("tables.orders.key-domain", "0,1000000", "-D tables.orders.key-domain")
                .withOverride("heatmap.window", "2m", "-D heatmap.window")
                .withOverride("heatmap.retention", "2m:6h,10m:4d,1h:28d", "-D heatmap.retention"));
        HeatmapJobOptions options = HeatmapJobOptions.from(config.heatmap());
        assertThat(options.window()).isEqualTo(TWO_MINUTES);

        WorkloadSpec spec = HeatmapJobFixture.workload(11, 6_000);
        List<Access> counted = HeatmapJobFixture.accesses(spec);
        List<byte[]> lines = new ArrayList<>(counted.stream().map(Access::json).toList());
        // One minute before the window of an access at least 45 s into its window (and out of order by at most 20 s):
        // behind the watermark (30 s bound) by less than the default allowed lateness of 1 min, so only lateness 0 drops it.
        Access anchor = counted.stream().skip(counted.size() / 2)
                .filter(a -> Math.floorMod(a.timestamp().toEpochMilli(), TWO_MINUTES.toMillis()) >= 45_000
                        && Math.floorMod(a.timestamp().toEpochMilli(), TWO_MINUTES.toMillis()) < 60_000)
                .findFirst().orElseThrow();
        int at = counted.indexOf(anchor) + 1;
        Instant windowStart = Instant.ofEpochMilli(Math.floorDiv(anchor.timestamp().toEpochMilli(), TWO_MINUTES.toMillis())
                * TWO_MINUTES.toMillis());
        Access late = anchor.at(windowStart.minus(Duration.ofMinutes(1)));
        lines.add(at, late.json());
        String padding = "x".repeat(400);
        byte[] oversized = ("{\"timestamp\":" + anchor.timestamp().toEpochMilli()
                + ",\"table_name\":\"orders\",\"partition_key\":\"5\",\"padding\":\"" + padding + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        lines.add(at + 1, oversized);
        Path file = dir.resolve("access.jsonl");
        Files.write(file, lines.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());

        HeatmapDeployment deployment = HeatmapDeployment.of(config, HeatmapJobFixture.clockAfter(spec));
        DeadLetterTarget target = DeadLetterTarget.of(config.heatmap().deadLetters(), !config.kafka().embedded());
        assertThat(target).isEqualTo(DeadLetterTarget.ICEBERG); // auto, no brokers configured
        HeatmapJob job = deployment.job(HeatmapDeployment.fileSource(file), deployment.deadLetterOutput(target, null), options);
        HeatmapJobFixture.run(job, CheckpointedEnvironment.create(dir.resolve("checkpoints"), 1, Duration.ofMillis(300)));

        var catalog = config.catalogSettings();
        List<HeatmapCell> cells = IcebergFixture.cells(catalog);
        assertThat(cells).isNotEmpty().allSatisfy(c -> {
            assertThat(Duration.between(c.windowStart(), c.windowEnd())).isEqualTo(TWO_MINUTES);
            assertThat(c.windowStart().toEpochMilli() % TWO_MINUTES.toMillis()).isZero();
        });
        PartitionMapHistory history = HeatmapJobFixture.initialHistory();
        assertThat(HeatmapOracle.of(cells)).isEqualTo(HeatmapOracle.count(counted, history, TWO_MINUTES));

        List<DeadLetter> letters = IcebergFixture.deadLetters(catalog);
        assertThat(letters).extracting(DeadLetter::reason).hasSize(2).anySatisfy(r -> assertThat(r)
                .startsWith("late: event time " + late.timestamp() + " falls in window [")
                .endsWith("(allowed lateness PT0S)"))
                .contains("record of " + oversized.length + " bytes exceeds the limit of 400 bytes");
    }

    /**
     * What {@code thermocline run heatmap} does with configured brokers: the access topic and the
     * dead-letter topic come from the configuration, {@code heatmap.dead-letters: auto} picks Kafka,
     * and the cells the watermark has closed equal the count of the input.
     */
    @Test
    void aConfiguredBrokerFeedsTheJobAndTakesItsDeadLetters(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            kafka.createTopic("configured-access", 1);
            kafka.createTopic("configured-dead", 1);
            ThermoclineConfig config = ThermoclineConfig.load(ConfigSources.in(dir)
                    .withEnvironment(Map.of("THERMOCLINE_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                            "THERMOCLINE_KAFKA_TOPICS_ACCESS", "configured-access"))
                    .withOverride("kafka.topics.dead-letter", "configured-dead", "-D kafka.topics.dead-letter")
                    .withOverride("tables.orders.key", "id", "-D tables.orders.key")
                    .withOverride("tables.orders.key-type", "long", "-D tables.orders.key-type")
                    .withOverride("tables.orders.key-domain", "0,1000000", "-D tables.orders.key-domain"));
            KafkaSettings settings = config.kafka().settings(null);
            DeadLetterTarget target = DeadLetterTarget.of(config.heatmap().deadLetters(), !config.kafka().embedded());
            assertThat(target).isEqualTo(DeadLetterTarget.KAFKA);

            WorkloadSpec spec = HeatmapJobFixture.workload(13, 3_000);
            List<Access> accesses = HeatmapJobFixture.accesses(spec);
            List<KafkaFixture.Outgoing> input = new ArrayList<>();
            accesses.forEach(a -> input.add(KafkaFixture.Outgoing.keyed(Long.toString(a.key()), a.json())));
            byte[] bad = "{\"timestamp\":0,\"table_name\":\"ordres\",\"partition_key\":\"1\"}".getBytes(StandardCharsets.UTF_8);
            input.add(input.size() / 2, KafkaFixture.Outgoing.keyed("bad", bad));
            KafkaFixture.produce(kafka, "configured-access", input);

            HeatmapDeployment deployment = HeatmapDeployment.of(config, HeatmapJobFixture.clockAfter(spec));
            HeatmapJob job = deployment.job(HeatmapDeployment.kafkaSource(settings),
                    deployment.deadLetterOutput(target, settings), HeatmapJobOptions.from(config.heatmap()));
            StreamExecutionEnvironment env = CheckpointedEnvironment.create(dir.resolve("checkpoints"), 1, Duration.ofMillis(300));
            job.build(env);
            JobClient client = env.executeAsync(HeatmapJob.NAME);
            try {
                // Final cells: windows whose end plus the allowed lateness is behind the last watermark.
                long lastWatermark = accesses.stream().mapToLong(a -> a.timestamp().toEpochMilli()).max().orElseThrow()
                        - config.heatmap().maxOutOfOrderness().toMillis() - 1;
                Instant closedBy = Instant.ofEpochMilli(lastWatermark + 1 - config.heatmap().allowedLateness().toMillis());
                var expected = HeatmapOracle.count(accesses, HeatmapJobFixture.initialHistory(), HeatmapJobFixture.WINDOW);
                expected.keySet().removeIf(c -> c.windowStart().plus(HeatmapJobFixture.WINDOW).isAfter(closedBy));
                assertThat(expected).hasSizeGreaterThan(10);
                var catalog = config.catalogSettings();
                Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(HeatmapOracle.of(IcebergFixture.cells(catalog))).isEqualTo(expected));
                Awaitility.await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                        assertThat(KafkaFixture.deadLetters(kafka, "configured-dead")).singleElement().satisfies(l -> {
                            assertThat(l.raw()).isEqualTo(bad);
                            assertThat(l.reason()).startsWith("unknown table 'ordres'");
                        }));
            } finally {
                client.cancel().get();
            }
        }
    }
}
