package dev.thermocline.heatmap;

import static dev.thermocline.heatmap.HeatmapJobFixture.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.embedded.EmbeddedKafka;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.heatmap.HeatmapDeployment.DeadLetterTarget;
import dev.thermocline.heatmap.KafkaFixture.Outgoing;
import dev.thermocline.workload.WorkloadSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition-map revision committed to {@code partition_map} while the job runs is picked up without
 * a restart, and the windows after its validFrom count by the new partitions.
 */
class PartitionMapPickupITCase {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()
                    .set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(128))))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = new EmbeddedKafka().start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void aRevisionCommittedMidStreamIsPickedUpAndLaterWindowsUseIt(@TempDir Path dir) throws Exception {
        WorkloadSpec spec = HeatmapJobFixture.workload(23, 30_000);
        List<Access> accesses = HeatmapJobFixture.accesses(spec);
        Instant cut = spec.start().plus(Duration.ofMinutes(30));
        int firstOfSecondBatch = 0;
        while (accesses.get(firstOfSecondBatch).timestamp().isBefore(cut)) {
            firstOfSecondBatch++;
        }
        List<Outgoing> before = outgoing(accesses.subList(0, firstOfSecondBatch));
        List<Outgoing> after = outgoing(accesses.subList(firstOfSecondBatch, accesses.size()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Outgoing o : accesses.stream().map(a -> outgoing(List.of(a)).get(0)).toList()) {
            ends.merge(new TopicPartition("pickup", o.partition()), 1L, Long::sum);
        }
        kafka.createTopic("pickup", 2);
        KafkaFixture.produce(kafka, "pickup", before);

        CatalogSettings catalog = CatalogSettings.embeddedDefault(dir.resolve("warehouse"));
        HeatmapDeployment deployment = HeatmapJobFixture.deployment(catalog, HeatmapJobFixture.clockAfter(spec));
        HeatmapJobOptions options = HeatmapJobFixture.options();
        HeatmapJob job = new HeatmapJob(
                deployment.inputs(KafkaFixture.sourceUntil(kafka, "pickup", ends)),
                new HeatmapOutputs(deployment.heatmapOutput(), deployment.deadLetterOutput(DeadLetterTarget.ICEBERG, null)),
                options, HeatmapJobFixture.clockAfter(spec));
        StreamExecutionEnvironment env = HeatmapJobFixture.environment(dir, 0);
        job.build(env);
        JobClient client = env.executeAsync(HeatmapJob.NAME);
        try {
            // The first half is counted (its windows committed) under revision 0 ...
            Instant lastWindowOfFirstHalf = cut.minus(Duration.ofMinutes(3));
            await().atMost(Duration.ofSeconds(90)).until(() -> IcebergFixture.cells(catalog).stream()
                    .anyMatch(c -> !c.windowStart().isBefore(lastWindowOfFirstHalf)));
            // ... then the repartitioner splits the hot partition from the cut on, while the job runs.
            PartitionMapHistory history = HeatmapJobFixture.commitSplit(catalog, "p3", 200_000, cut);
            await().atMost(Duration.ofSeconds(30)).until(() -> revisionSeen(client.getJobID()) == 1);
            KafkaFixture.produce(kafka, "pickup", after);

            // The source is bounded by the offsets the test wrote, so the job ends with every window closed.
            client.getJobExecutionResult().get(120, TimeUnit.SECONDS);
            assertThat(HeatmapOracle.of(IcebergFixture.cells(catalog))).isEqualTo(HeatmapOracle.count(accesses, history, WINDOW));
            List<HeatmapCell> cells = IcebergFixture.cells(catalog);
            assertThat(cells).filteredOn(c -> !c.windowStart().isBefore(cut)).extracting(HeatmapCell::partitionKey)
                    .contains("p3", "p16");
            assertThat(cells).filteredOn(c -> c.windowEnd().isBefore(cut)).extracting(HeatmapCell::partitionKey)
                    .doesNotContain("p16");
        } finally {
            if (!client.getJobStatus().get().isTerminalState()) {
                client.cancel().get();
            }
        }
    }

    /** Accesses to an explicit Kafka partition (key parity), so the end offsets are known in advance. */
    private static List<Outgoing> outgoing(List<Access> accesses) {
        List<Outgoing> out = new ArrayList<>();
        for (Access a : accesses) {
            out.add(new Outgoing((int) (a.key() % 2), Long.toString(a.key()), a.json()));
        }
        return out;
    }

    /** The lowest partition-map revision of {@code orders} any assigner of the job holds; -1 before it reports. */
    private static long revisionSeen(JobID job) {
        return METRICS.getMetricsByGroup().entrySet().stream()
                .filter(e -> job.toString().equals(e.getKey().getAllVariables().get("<job_id>")))
                .filter(e -> "orders".equals(e.getKey().getAllVariables().get("<table>"))
                        || e.getKey().getMetricIdentifier("x").contains(".orders.x"))
                .map(e -> e.getValue().get("partition_map_revision"))
                .filter(Gauge.class::isInstance)
                .mapToLong(g -> ((Number) ((Gauge<?>) g).getValue()).longValue())
                .min()
                .orElse(-1);
    }
}
