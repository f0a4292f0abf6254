package dev.thermocline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.embedded.EmbeddedKafka;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.heatmap.HeatmapRows;
import dev.thermocline.testing.cluster.FlinkSessionCluster;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code thermocline … --cluster} against a real Flink 2.0 session cluster: a JobManager and two
 * TaskManagers as separate JVMs on loopback (Flink's own classpath from Maven Central, see the
 * {@code flink-cluster} module), the job bundle shipped through the REST API by the command itself,
 * a real Kafka broker and a real Iceberg catalog (SQLite) and warehouse on the local disk that all
 * processes share. One TaskManager is killed with SIGKILL mid-run; the committed heatmap must still
 * equal an independent count of the input: nothing lost, nothing counted twice. Then a bounded job
 * on the same cluster is followed to its end by the command.
 */
class ClusterSubmissionITCase {

    static final String TOPIC = "access-log";
    static final long PARTITION_WIDTH = 1_000_000 / 16; // orders: key-domain [0, 1000000], 16 equal ranges
    static final Duration WAIT = Duration.ofSeconds(120);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path wd;

    EmbeddedKafka kafka;
    FlinkSessionCluster cluster;

    @BeforeEach
    void startKafkaAndTheCluster() throws IOException {
        java.util.concurrent.CompletableFuture<EmbeddedKafka> broker =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> new EmbeddedKafka().start());
        Path work = Path.of("target", "flink-cluster-it", String.valueOf(System.currentTimeMillis())).toAbsolutePath();
        try {
            cluster = FlinkSessionCluster.start(work, Path.of(System.getProperty("thermocline.flink.cluster.classpath")), 2, 2,
                    Map.of("parallelism.default", "2",
                            "state.backend.type", "rocksdb",
                            "execution.checkpointing.incremental", "true",
                            "execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString(),
                            "execution.checkpointing.interval", "2 s",
                            "restart-strategy.type", "fixed-delay",
                            "restart-strategy.fixed-delay.attempts", "20",
                            "restart-strategy.fixed-delay.delay", "1 s"));
        } finally {
            kafka = broker.join(); // closed by stopEverything even if the cluster did not come up
        }
        kafka.createTopic(TOPIC, 2);
    }

    @AfterEach
    void stopEverything() {
        if (cluster != null) {
            cluster.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theHeatmapJobSubmittedWithClusterCountsExactlyOnceThoughATaskManagerIsKilledMidRun() throws Exception {
        Files.writeString(wd.resolve("thermocline.yaml"), """
                warehouse: %s
                kafka: {bootstrap-servers: "%s"}
                tables:
                  orders: {key: id, key-type: long, key-domain: [0, 1000000], initial-partitions: 16}
                """.formatted(wd.resolve("warehouse"), kafka.bootstrapServers()));
        // The job's clock is the command's (CliHarness.NOW); accesses stamped after it by more than a day are rejected.
        Instant base = CliHarness.NOW.minus(Duration.ofHours(2));
        Map<String, Long> oracle = new TreeMap<>();
        Random random = new Random(7);

        try (KafkaProducer<String, String> producer = producer()) {
            produce(producer, random, base, 0, 5, 20_000, oracle); // minutes 0-4 of event time

            CliHarness.Result submitted = new CliHarness(wd).run("run", "heatmap", "--cluster", "127.0.0.1:" + cluster.restPort());

            assertThat(submitted.exit()).as(submitted.err() + cluster.logTails(30)).isZero();
            Matcher id = Pattern.compile("heatmap: job ([0-9a-f]{32}) is running on the Flink cluster at 127\\.0\\.0\\.1:"
                    + cluster.restPort()).matcher(submitted.out());
            assertThat(id.find()).as(submitted.out()).isTrue();
            String job = id.group(1);
            try {
                // Windows of minutes 0-2 close with this input (watermark 4:29, lateness 1 min): they are
                // committed before the kill, the later ones are still open in RocksDB or in flight.
                await("the first windows committed", () -> committedCounts().keySet().stream()
                        .anyMatch(cell -> cell.startsWith(base.plus(Duration.ofMinutes(2)).toString())));
                produce(producer, random, base, 5, 10, 20_000, oracle); // minutes 5-9

                String victim = taskManagerRunning(job);
                cluster.killTaskManager(Integer.parseInt(victim.substring("tm-".length())));

                await("the job restored from a checkpoint and running again",
                        () -> checkpoints(job).path("restored").asLong() >= 1 && "RUNNING".equals(status(job)));
                flushWindows(producer, base.plus(Duration.ofMinutes(30)));

                awaitAsserted("the committed heatmap equal to the oracle",
                        () -> assertThat(committedCounts()).isEqualTo(oracle));
                long completed = checkpoints(job).path("completed").asLong();
                await("two more checkpoints", () -> checkpoints(job).path("completed").asLong() >= completed + 2);
                assertThat(committedCounts()).as("after two more checkpoints").isEqualTo(oracle);
                assertThat(cluster.isTaskManagerAlive(1 - Integer.parseInt(victim.substring(3)))).isTrue();
            } finally {
                cancel(job);
            }
            await("the streaming job cancelled", () -> "CANCELED".equals(status(job)));
        }

        // A bounded job is followed to its end: when the command returns, its cells are committed.
        Path backfill = wd.resolve("backfill.jsonl");
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            long ts = base.plus(Duration.ofMinutes(40)).toEpochMilli() + i * 40L; // minutes 40-41
            long key = random.nextInt(1_000_000);
            lines.add(access(ts, key));
            oracle.merge(Instant.ofEpochMilli(ts - Math.floorMod(ts, 60_000L)) + " orders/p" + (key / PARTITION_WIDTH), 1L,
                    Long::sum);
        }
        Files.write(backfill, lines);

        CliHarness.Result bounded = new CliHarness(wd).run("run", "heatmap", "--source", "file:backfill.jsonl",
                "--cluster", "127.0.0.1:" + cluster.restPort());

        assertThat(bounded.exit()).as(bounded.err()).isZero();
        Matcher boundedId = Pattern.compile("counted into thermocline.heatmap \\(job ([0-9a-f]{32})\\)").matcher(bounded.out());
        assertThat(boundedId.find()).as(bounded.out()).isTrue();
        assertThat(status(boundedId.group(1))).isEqualTo("FINISHED");
        assertThat(rest("/v1/jobs/" + boundedId.group(1) + "/exceptions").path("exceptionHistory").path("entries"))
                .as("failures of the bounded job on a healthy cluster").isEmpty();
        assertThat(bounded.err()).contains("on the Flink cluster at 127.0.0.1:" + cluster.restPort());
        assertThat(committedCounts()).isEqualTo(oracle);
    }

    /** {@code count} accesses to random orders keys, evenly over minutes [from, to) after base; counted into the oracle. */
    private static void produce(KafkaProducer<String, String> producer, Random random, Instant base, int fromMinute,
                                int toMinute, int count, Map<String, Long> oracle) {
        long start = base.plus(Duration.ofMinutes(fromMinute)).toEpochMilli();
        long span = Duration.ofMinutes(toMinute - fromMinute).toMillis();
        for (int i = 0; i < count; i++) {
            long ts = start + span * i / count;
            long key = random.nextInt(1_000_000);
            producer.send(new ProducerRecord<>(TOPIC, i % 2, null, access(ts, key)));
            long window = ts - Math.floorMod(ts, 60_000L);
            oracle.merge(Instant.ofEpochMilli(window) + " orders/p" + (key / PARTITION_WIDTH), 1L, Long::sum);
        }
        producer.flush();
    }

    /** One access far ahead on each Kafka partition: the watermark passes every window above and its lateness. */
    private static void flushWindows(KafkaProducer<String, String> producer, Instant later) {
        for (int partition = 0; partition < 2; partition++) {
            producer.send(new ProducerRecord<>(TOPIC, partition, null, access(later.toEpochMilli(), 1)));
        }
        producer.flush();
    }

    private static String access(long ts, long key) {
        return "{\"timestamp\":" + ts + ",\"table_name\":\"orders\",\"partition_key\":\"" + key
                + "\",\"accessed_columns\":[\"status\"],\"op\":\"read\"}";
    }

    private KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** access_count per "window table/partition", summed over rows, so a duplicate commit would show. */
    private Map<String, Long> committedCounts() throws IOException {
        Catalog catalog = IcebergCatalogs.load(ThermoclineConfig.defaults(wd).catalogSettings());
        Map<String, Long> counts = new TreeMap<>();
        try {
            if (!catalog.tableExists(TableIdentifier.of(ThermoclineTables.DEFAULT_NAMESPACE, ThermoclineTables.HEATMAP))) {
                return counts;
            }
            try (CloseableIterable<Record> rows = IcebergGenerics.read(catalog.loadTable(
                    TableIdentifier.of(ThermoclineTables.DEFAULT_NAMESPACE, ThermoclineTables.HEATMAP))).build()) {
                for (Record r : rows) {
                    HeatmapCell c = HeatmapRows.fromRecord(r);
                    counts.merge(c.windowStart() + " " + c.tableName() + "/" + c.partitionKey(), c.accessCount(), Long::sum);
                }
            }
            return counts;
        } finally {
            if (catalog instanceof Closeable closeable) {
                closeable.close();
            }
        }
    }

    /** A TaskManager that runs at least one of the job's tasks. */
    private String taskManagerRunning(String job) throws Exception {
        Set<String> hosts = new HashSet<>();
        for (JsonNode vertex : rest("/v1/jobs/" + job).path("vertices")) {
            for (JsonNode tm : rest("/v1/jobs/" + job + "/vertices/" + vertex.path("id").asText() + "/taskmanagers")
                    .path("taskmanagers")) {
                hosts.add(tm.path("taskmanager-id").asText());
            }
        }
        hosts.retainAll(List.of(FlinkSessionCluster.taskManagerId(0), FlinkSessionCluster.taskManagerId(1)));
        assertThat(hosts).as("TaskManagers running job " + job).isNotEmpty();
        return hosts.iterator().next();
    }

    private JsonNode checkpoints(String job) throws Exception {
        return rest("/v1/jobs/" + job + "/checkpoints").path("counts");
    }

    private String status(String job) throws Exception {
        return rest("/v1/jobs/" + job).path("state").asText();
    }

    private JsonNode rest(String path) throws IOException {
        String body = cluster.get(path);
        return body == null ? JSON.createObjectNode() : JSON.readTree(body);
    }

    private void cancel(String job) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.restUrl() + "/v1/jobs/" + job + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    private void awaitAsserted(String what, org.awaitility.core.ThrowingRunnable assertion) {
        try {
            Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(assertion);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(what + " did not happen within " + WAIT.toSeconds() + " s; cluster logs:\n"
                    + cluster.logTails(60), e);
        }
    }

    private void await(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(what + " did not happen within " + WAIT.toSeconds() + " s; cluster logs:\n"
                    + cluster.logTails(60), e);
        }
    }
}
