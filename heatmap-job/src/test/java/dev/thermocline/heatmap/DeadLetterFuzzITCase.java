package dev.thermocline.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.embedded.EmbeddedKafka;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.kafka.KafkaSettings;
import dev.thermocline.heatmap.HeatmapDeployment.DeadLetterTarget;
import dev.thermocline.heatmap.KafkaFixture.Outgoing;
import dev.thermocline.workload.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed-input fuzz: a share of bad records of every kind among valid ones, on the Kafka
 * dead-letter topic. With restarts disabled the job still finishes (no input ever fails it), every
 * bad record is a dead letter with its exact bytes, valid + dead letters = input, and the metrics
 * count accepted, rejected and late records.
 */
class DeadLetterFuzzITCase {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(withManagedMemory(new Configuration())))
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
    void everyBadRecordIsADeadLetterAndNothingValidIsLost(@TempDir Path dir) throws Exception {
        WorkloadSpec spec = HeatmapJobFixture.workload(11, 20_000);
        List<Access> valid = HeatmapJobFixture.accesses(spec);
        Random random = new Random(11);
        List<Outgoing> input = new ArrayList<>();
        Map<BadAccessRecords, List<byte[]>> bad = new EnumMap<>(BadAccessRecords.class);
        for (int i = 0; i < valid.size(); i++) {
            Access a = valid.get(i);
            input.add(Outgoing.keyed(Long.toString(a.key()), a.json()));
            boolean secondHalf = i > valid.size() / 2; // late records need a watermark to be late against
            if (random.nextDouble() < 0.08) {
                BadAccessRecords kind = BadAccessRecords.values()[random.nextInt(BadAccessRecords.values().length)];
                if (kind == BadAccessRecords.LATE && !secondHalf) {
                    continue;
                }
                byte[] bytes = kind.bytes(a.timestamp(), a.key());
                bad.computeIfAbsent(kind, k -> new ArrayList<>()).add(bytes);
                input.add(Outgoing.keyed(Long.toString(a.key()), bytes)); // same partition: late against its stream
            }
        }
        assertThat(bad.keySet()).as("every kind injected").containsExactlyInAnyOrder(BadAccessRecords.values());
        int badCount = bad.values().stream().mapToInt(List::size).sum();
        kafka.createTopic("fuzz", 2);
        kafka.createTopic("fuzz-dead", 1);
        KafkaFixture.produce(kafka, "fuzz", input);

        CatalogSettings catalog = CatalogSettings.embeddedDefault(dir.resolve("warehouse"));
        Clock clock = HeatmapJobFixture.clockAfter(spec);
        KafkaSettings settings = KafkaSettings.builder().bootstrapServers(kafka.bootstrapServers())
                .topics(new KafkaSettings.Topics("fuzz", List.of("unused"), "fuzz-dead")).build();
        HeatmapDeployment deployment = HeatmapJobFixture.deployment(catalog, clock);
        HeatmapJob job = deployment.job(KafkaFixture.boundedSource(kafka, "fuzz"),
                deployment.deadLetterOutput(DeadLetterTarget.KAFKA, settings),
                HeatmapJobFixture.options().withMaxRecordBytes(BadAccessRecords.MAX_RECORD_BYTES));
        JobExecutionResult result = HeatmapJobFixture.run(job, HeatmapJobFixture.environment(dir, 0)); // no restarts allowed

        List<DeadLetter> letters = KafkaFixture.deadLetters(kafka, "fuzz-dead");
        assertThat(letters).hasSize(badCount);
        List<String> parserRejects = bad.entrySet().stream().filter(e -> e.getKey().rejectedByParser())
                .flatMap(e -> e.getValue().stream()).map(DeadLetterFuzzITCase::text).toList();
        assertThat(letters.stream().filter(l -> l.source().startsWith("kafka:fuzz/")).map(l -> text(l.raw())))
                .containsExactlyInAnyOrderElementsOf(parserRejects);
        assertThat(letters.stream().filter(l -> l.reason().startsWith("late: ")))
                .hasSize(bad.get(BadAccessRecords.LATE).size());
        assertThat(letters.stream().filter(l -> l.reason().contains("ahead of the clock")))
                .hasSize(bad.get(BadAccessRecords.FAR_FUTURE).size());
        assertThat(letters).allSatisfy(l -> assertThat(l.reason()).isNotBlank());

        long counted = IcebergFixture.cells(catalog).stream().mapToLong(HeatmapCell::accessCount).sum();
        assertThat(counted).isEqualTo(valid.size());
        assertThat(counted + letters.size()).isEqualTo(input.size());

        JobID id = result.getJobID();
        int parserBad = parserRejects.size();
        assertThat(sum(id, "parse", "records_rejected")).isEqualTo(parserBad);
        assertThat(sum(id, "parse", "records_accepted")).isEqualTo(input.size() - parserBad);
        assertThat(sum(id, "pre-aggregate", "records_late")).isEqualTo(bad.get(BadAccessRecords.LATE).size());
        assertThat(sum(id, "assign-partition", "records_rejected_future")).isEqualTo(bad.get(BadAccessRecords.FAR_FUTURE).size());
    }

    /** Readable and exact: short records as they are, long ones as a prefix, their length and a hash. */
    private static String text(byte[] bytes) {
        if (bytes == null) {
            return ""; // a tombstone's dead letter holds no bytes
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return text.length() <= 200 ? text
                : text.substring(0, 60) + "...(" + bytes.length + " bytes, hash " + Arrays.hashCode(bytes) + ")";
    }

    /** {@code counter} summed over the subtasks of operator {@code operator}. */
    private static long sum(JobID job, String operator, String counter) {
        return METRICS.findOperatorMetricGroups(job, operator).stream()
                .map(group -> METRICS.getMetricsByGroup(group).get(counter))
                .filter(Counter.class::isInstance)
                .mapToLong(metric -> ((Counter) metric).getCount())
                .sum();
    }

    private static Configuration withManagedMemory(Configuration config) {
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(128));
        return config;
    }
}
