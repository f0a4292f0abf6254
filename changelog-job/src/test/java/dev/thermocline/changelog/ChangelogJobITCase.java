package dev.thermocline.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.embedded.EmbeddedKafka;
import dev.thermocline.flink.deadletter.DeadLetterJson;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.kafka.KafkaSettings;
import dev.thermocline.flink.partitionmap.VersionedHistory;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import dev.thermocline.workload.Workload;
import dev.thermocline.workload.WorkloadSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The changelog job for real: Debezium events in a KRaft broker → the job on a MiniCluster
 * (RocksDB, checkpoints, no restarts allowed) → {@code changelog} in a JDBC-catalog warehouse. The
 * oracle is the workload's true history: the log must hold exactly the changes carried by the
 * valid events (duplicates included), each tagged with its partition under the map in force at
 * its timestamp, and the dead-letter topic exactly the malformed ones.
 */
class ChangelogJobITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

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
    void logHoldsEveryChangeTaggedByTheMapInForcePicksUpANewRevisionLiveAndPrunesByPartition(@TempDir Path dir)
            throws Exception {
        Workload workload = Workload.generate(WorkloadSpec.orders(7).withInitialRows(300).withEvents(0, 3_000)
                .withBadRecordShare(0.02));
        List<WorkloadEvents.Event> events = WorkloadEvents.of(workload);
        Instant splitAt = events.get(events.size() / 2).event().eventTime();
        List<WorkloadEvents.Event> before = events.stream().filter(e -> e.event().eventTime().isBefore(splitAt)).toList();
        List<WorkloadEvents.Event> after = events.stream().filter(e -> !e.event().eventTime().isBefore(splitAt)).toList();
        String topic = "changes-live";
        String deadLetterTopic = "changes-live-dead";
        kafka.createTopic(topic, 2);
        kafka.createTopic(deadLetterTopic, 1);

        try (TestWarehouse warehouse = new TestWarehouse(dir, TestWarehouse.orders())) {
            KafkaSettings settings = TestJobs.kafka(kafka.bootstrapServers(), topic, deadLetterTopic);
            StreamExecutionEnvironment env = TestJobs.environment(dir.resolve("checkpoints"), false);
            new ChangelogJob(settings.changeSource(), warehouse.specs(), warehouse.feed(), warehouse.changelogTables(),
                    DeadLetterOutput.kafka(settings, ChangelogJob.NAME),
                    ChangelogSettings.defaults().withMapPollInterval(Duration.ofMillis(100)), Clock.systemUTC())
                    .build(env);
            JobClient job = env.executeAsync("changelog-live");
            try {
                Produce.events(kafka.bootstrapServers(), topic, before);
                awaitChangelogRows(warehouse, WorkloadEvents.logged(before).size());

                // A split of the partition the hotspot moves into, valid from the second half's first change.
                VersionedHistory base = warehouse.partitionMaps().loadVersioned(TestWarehouse.ORDERS);
                PartitionMap split = base.history().latest().orElseThrow()
                        .split("p2", Key.of(700_000), splitAt, "test: isolate the new hotspot");
                warehouse.partitionMaps().commit(base, split, Map.of());
                Thread.sleep(300); // more than a map poll interval

                Produce.events(kafka.bootstrapServers(), topic, after);
                awaitChangelogRows(warehouse, WorkloadEvents.logged(events).size());
                // Progress moves with changelog commits; with no new changes Iceberg's committer still
                // commits every 10th checkpoint, which carries the newest watermark.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                        ChangelogProgress.completeThrough(warehouse.table(ThermoclineTables.CHANGELOG),
                                warehouse.table(ChangelogProgress.TABLE)).filter(t -> t.isAfter(splitAt)).isPresent());
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            } finally {
                job.cancel().get();
            }

            List<TestWarehouse.Logged> logged = warehouse.readChangelog();
            assertThat(logged).map(TestWarehouse.Logged::change)
                    .containsExactlyInAnyOrderElementsOf(WorkloadEvents.logged(events));
            PartitionMapHistory history = warehouse.partitionMaps().load(TestWarehouse.ORDERS);
            assertThat(history.revisions()).hasSize(2);
            for (TestWarehouse.Logged row : logged) {
                assertThat(row.partitionKey()).as("partition of %s", row.change())
                        .isEqualTo(history.mapAt(row.change().timestamp()).orElseThrow()
                                .partitionFor(row.change().key()).partitionKey());
            }
            assertThat(logged).filteredOn(r -> r.partitionKey().equals("p4")).isNotEmpty()
                    .allMatch(r -> !r.change().timestamp().isBefore(splitAt));

            List<DeadLetter> deadLetters = TestJobs.readTopic(kafka.bootstrapServers(), deadLetterTopic).stream()
                    .map(DeadLetterJson::fromJson).toList();
            assertThat(deadLetters).hasSize((int) WorkloadEvents.bad(events))
                    .allMatch(d -> d.source().startsWith("kafka:" + topic + "/") && !d.reason().isBlank());

            assertPartitionAndKeyRangeScansPrune(warehouse.table(ThermoclineTables.CHANGELOG));

            // Progress: complete through the last checkpoint's watermark, which trails the newest change.
            Instant newest = logged.stream().map(r -> r.change().timestamp()).max(Instant::compareTo).orElseThrow();
            assertThat(ChangelogProgress.completeThrough(warehouse.table(ThermoclineTables.CHANGELOG),
                    warehouse.table(ChangelogProgress.TABLE)))
                    .hasValueSatisfying(through -> assertThat(through).isAfter(splitAt)
                            .isBeforeOrEqualTo(newest.minus(ChangelogSettings.defaults().maxOutOfOrderness())));
        }
    }

    @Test
    void malformedEventsAllBecomeDeadLettersWithoutARestart(@TempDir Path dir) throws Exception {
        Workload workload = Workload.generate(WorkloadSpec.orders(11).withInitialRows(100).withEvents(0, 2_000)
                .withBadRecordShare(0.03));
        Random random = new Random(11);
        List<WorkloadEvents.Event> events = new ArrayList<>();
        for (WorkloadEvents.Event e : WorkloadEvents.of(workload)) {
            boolean mutate = !e.bad() && random.nextInt(10) == 0;
            events.add(mutate ? new WorkloadEvents.Event(Malformed.mutate(e.event(), random), null) : e);
        }
        String topic = "changes-fuzz";
        String deadLetterTopic = "changes-fuzz-dead";
        kafka.createTopic(topic, 2);
        kafka.createTopic(deadLetterTopic, 1);
        Produce.events(kafka.bootstrapServers(), topic, events);

        try (TestWarehouse warehouse = new TestWarehouse(dir, TestWarehouse.orders())) {
            KafkaSettings settings = TestJobs.kafka(kafka.bootstrapServers(), topic, deadLetterTopic);
            StreamExecutionEnvironment env = TestJobs.environment(dir.resolve("checkpoints"), false);
            new ChangelogJob(TestJobs.boundedSource(kafka.bootstrapServers(), topic), warehouse.specs(),
                    warehouse.feed(), warehouse.changelogTables(), DeadLetterOutput.kafka(settings, ChangelogJob.NAME),
                    ChangelogSettings.defaults(), Clock.systemUTC()).build(env);
            env.execute("changelog-fuzz"); // restarts disabled: any failure fails the job and this test

            assertThat(warehouse.readChangelog()).map(TestWarehouse.Logged::change)
                    .containsExactlyInAnyOrderElementsOf(WorkloadEvents.logged(events));
            List<DeadLetter> deadLetters = TestJobs.readTopic(kafka.bootstrapServers(), deadLetterTopic).stream()
                    .map(DeadLetterJson::fromJson).toList();
            assertThat(WorkloadEvents.bad(events)).isGreaterThan(200);
            assertThat(deadLetters).hasSize((int) WorkloadEvents.bad(events)).allMatch(d -> !d.reason().isBlank());
            // A bounded input ends complete through (its newest change - the out-of-orderness bound), per subtask.
            Instant newest = WorkloadEvents.logged(events).stream().map(ChangeRecord::timestamp)
                    .max(Instant::compareTo).orElseThrow();
            Instant bound = newest.minus(ChangelogSettings.defaults().maxOutOfOrderness());
            assertThat(ChangelogProgress.completeThrough(warehouse.table(ThermoclineTables.CHANGELOG),
                    warehouse.table(ChangelogProgress.TABLE)))
                    .hasValueSatisfying(through -> assertThat(through).isBefore(bound).isAfter(bound.minusSeconds(60)));
        }
    }

    /** A filter on table + partition plans only that partition's files; a key range only overlapping partitions'. */
    private static void assertPartitionAndKeyRangeScansPrune(Table changelog) {
        List<DataFile> all = planned(changelog.newScan());
        List<DataFile> p4 = planned(changelog.newScan().filter(Expressions.and(
                Expressions.equal("table_name", TestWarehouse.ORDERS), Expressions.equal("partition_key", "p4"))));
        assertThat(p4).isNotEmpty().allMatch(f -> partitionKey(f).equals("p4"));
        assertThat(p4).hasSize((int) all.stream().filter(f -> partitionKey(f).equals("p4")).count());
        assertThat(all.size()).isGreaterThan(p4.size());

        List<DataFile> keyRange = planned(changelog.newScan().filter(Expressions.and(
                Expressions.equal("table_name", TestWarehouse.ORDERS),
                Expressions.and(Expressions.greaterThanOrEqual("key_long", 700_000L),
                        Expressions.lessThanOrEqual("key_long", 700_100L)))));
        Set<String> partitions = new HashSet<>();
        keyRange.forEach(f -> partitions.add(partitionKey(f)));
        assertThat(partitions).isNotEmpty().isSubsetOf("p2", "p4");
        assertThat(keyRange.size()).isLessThan(all.size());
    }

    private static List<DataFile> planned(TableScan scan) {
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
            tasks.forEach(t -> files.add(t.file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String partitionKey(DataFile file) {
        return file.partition().get(1, String.class);
    }

    static void awaitChangelogRows(TestWarehouse warehouse, long rows) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> warehouse.rowCount(ThermoclineTables.CHANGELOG) >= rows);
    }
}
