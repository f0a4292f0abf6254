package dev.thermocline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermocline.testing.cluster.FlinkSessionCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change log, backup and restore jobs submitted with {@code --cluster} to a real Flink 2.0
 * session cluster (a JobManager and two TaskManagers as separate JVMs, see {@code flink-cluster}),
 * sharing a real Iceberg catalog and warehouse on the local disk: a random Debezium history is
 * ingested in two parts with a backup between them, then ONE restore job reconstructs two ranges as
 * of two different times on the cluster's TaskManagers — one after the backup's cutoff (base +
 * change log), one before it (change log only). Each range must equal a plain replay of the history.
 */
class ClusterRestoreITCase {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path wd;

    FlinkSessionCluster cluster;

    @BeforeEach
    void startTheCluster() {
        Path work = Path.of("target", "flink-cluster-it", "restore-" + System.currentTimeMillis()).toAbsolutePath();
        cluster = FlinkSessionCluster.start(work, Path.of(System.getProperty("thermocline.flink.cluster.classpath")), 2, 2,
                Map.of("parallelism.default", "2",
                        "state.backend.type", "rocksdb",
                        "execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString(),
                        "execution.checkpointing.interval", "2 s"));
    }

    @AfterEach
    void stopTheCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** One Debezium change: its key, source timestamp and position, and the event line. */
    record Event(long key, Instant ts, long lsn, String op, String after, String line) {}

    @Test
    void changelogBackupAndARestoreOfTwoRangesAtTwoTimesOnTheClusterEqualAReplayOfTheHistory() throws Exception {
        Files.writeString(wd.resolve("thermocline.yaml"), """
                warehouse: %s
                tables:
                  orders: {key: id, key-type: long, key-domain: [0, 1000000], initial-partitions: 16}
                """.formatted(wd.resolve("warehouse")));
        List<Event> history = history(new Random(11), 3_000);
        Files.write(wd.resolve("first.jsonl"), history.subList(0, 2_000).stream().map(Event::line).toList());
        Files.write(wd.resolve("second.jsonl"), history.subList(2_000, history.size()).stream().map(Event::line).toList());
        CliHarness cli = new CliHarness(wd);
        String at = "127.0.0.1:" + cluster.restPort();

        CliHarness.Result first = cli.run("run", "changelog", "--source", "file:first.jsonl", "--cluster", at);
        assertThat(first.exit()).as(first.err() + cluster.logTails(30)).isZero();
        CliHarness.Result backup = cli.run("backup", "--table", "orders", "--cluster", at);
        assertThat(backup.exit()).as(backup.err() + cluster.logTails(30)).isZero();
        assertThat(backup.out()).contains("copied p0 (first copy)");
        CliHarness.Result second = cli.run("run", "changelog", "--source", "file:second.jsonl", "--cluster", at);
        assertThat(second.exit()).as(second.err() + cluster.logTails(30)).isZero();

        // the backup's cutoff is the first part's newest change minus the 30 s out-of-orderness bound
        Instant cutoff = history.get(1_999).ts().minusSeconds(30);
        Instant afterBackup = history.get(2_600).ts(); // base copy + change log since its cutoff
        Instant beforeBackup = cutoff.minusSeconds(200); // no copy yet: the change log from its start
        CliHarness.Result restore = cli.run("restore", "--table", "orders",
                "--range", "..499999@" + afterBackup, "--range", "500000..@" + beforeBackup,
                "--output", "restored.jsonl", "--cluster", at);
        assertThat(restore.exit()).as(restore.err() + cluster.logTails(30)).isZero();
        assertThat(finishedJobs()).as("the jobs the cluster ran").contains("thermocline-changelog", "thermocline-backup", "thermocline restore orders");

        Map<Long, JsonNode> expected = new TreeMap<>(replay(history, afterBackup, 0, 499_999));
        expected.putAll(replay(history, beforeBackup, 500_000, Long.MAX_VALUE));
        Map<Long, JsonNode> restored = new TreeMap<>();
        List<Long> order = new ArrayList<>();
        for (String line : Files.readAllLines(wd.resolve("restored.jsonl"))) {
            JsonNode row = JSON.readTree(line);
            restored.put(row.get("key").asLong(), row.get("row"));
            order.add(row.get("key").asLong());
        }
        assertThat(expected).as("the history leaves rows on both sides").isNotEmpty();
        assertThat(restored).as("restored rows versus a replay of the history (seed 11)").isEqualTo(expected);
        assertThat(order).as("sorted by key, each key once").isSorted().doesNotHaveDuplicates();
    }

    /** Names of the cluster's finished jobs, from its REST API. */
    private List<String> finishedJobs() throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode job : JSON.readTree(cluster.get("/v1/jobs/overview")).path("jobs")) {
            if ("FINISHED".equals(job.path("state").asText())) {
                names.add(job.path("name").asText());
            }
        }
        return names;
    }

    /**
     * {@code count} changes to 300 keys spread over the key domain (so every partition gets some):
     * creates, updates, deletes and re-inserts, pairs of changes sharing a timestamp (the position orders them).
     */
    private static List<Event> history(Random random, int count) {
        long[] keys = new long[300];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextInt(1_000_000);
        }
        Map<Long, String> live = new TreeMap<>();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long key = keys[random.nextInt(keys.length)];
            Instant ts = START.plusMillis(500L * (i / 2)); // two changes per timestamp
            long lsn = 1_000 + i;
            String before = live.get(key);
            String op;
            String after;
            if (before == null) {
                op = "c";
                after = "{\"id\":" + key + ",\"status\":\"new\",\"n\":" + i + "}";
            } else if (random.nextInt(5) == 0) {
                op = "d";
                after = null;
            } else {
                op = "u";
                after = "{\"id\":" + key + ",\"status\":\"s" + random.nextInt(9) + "\",\"n\":" + i + "}";
            }
            if (after == null) {
                live.remove(key);
            } else {
                live.put(key, after);
            }
            String line = "{\"before\":" + before + ",\"after\":" + after + ",\"op\":\"" + op + "\",\"ts_ms\":"
                    + (ts.toEpochMilli() + 5) + ",\"source\":{\"schema\":\"public\",\"table\":\"orders\",\"ts_ms\":"
                    + ts.toEpochMilli() + ",\"lsn\":" + lsn + "}}";
            events.add(new Event(key, ts, lsn, op, after, line));
        }
        return events;
    }

    /** The oracle: every change with ts <= asOf applied in position order from empty, keys in [lo, hi]. */
    private static Map<Long, JsonNode> replay(List<Event> history, Instant asOf, long lo, long hi) throws Exception {
        Map<Long, JsonNode> rows = new TreeMap<>();
        for (Event e : history) {
            if (e.ts().isAfter(asOf) || e.key() < lo || e.key() > hi) {
                continue;
            }
            if (e.after() == null) {
                rows.remove(e.key());
            } else {
                rows.put(e.key(), JSON.readTree(e.after()));
            }
        }
        return rows;
    }
}
