package dev.thermocline.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.thermocline.embedded.EmbeddedKafka;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.kafka.KafkaSettings;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import dev.thermocline.workload.Workload;
import dev.thermocline.workload.WorkloadSpec;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once under failure: the changelog job fails mid-stream (after a commit, with changes
 * written but not yet committed), restarts from its checkpoint, and the change log still equals
 * the input — every change once (plus the source's own duplicates), none lost.
 */
class ChangelogExactlyOnceITCase {

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
    void changelogEqualsTheInputAfterAFailureAndARestartFromCheckpoint(@TempDir Path dir) throws Exception {
        Workload workload = Workload.generate(WorkloadSpec.orders(5).withInitialRows(200).withEvents(0, 3_000));
        List<WorkloadEvents.Event> events = WorkloadEvents.of(workload);
        List<WorkloadEvents.Event> first = events.subList(0, events.size() / 2);
        List<WorkloadEvents.Event> second = events.subList(events.size() / 2, events.size());
        String topic = "changes-failover";
        kafka.createTopic(topic, 2);
        kafka.createTopic(topic + "-dead", 1);

        try (TestWarehouse warehouse = new TestWarehouse(dir, TestWarehouse.orders())) {
            KafkaSettings settings = TestJobs.kafka(kafka.bootstrapServers(), topic, topic + "-dead");
            StreamExecutionEnvironment env = TestJobs.environment(dir.resolve("checkpoints"), true);
            new ChangelogJob(settings.changeSource(), warehouse.specs(), warehouse.feed(), warehouse.changelogTables(),
                    DeadLetterOutput.kafka(settings, ChangelogJob.NAME), ChangelogSettings.defaults(),
                    new FailOnceClock()).build(env);
            JobClient job = env.executeAsync("changelog-failover");
            try {
                Produce.events(kafka.bootstrapServers(), topic, first);
                ChangelogJobITCase.awaitChangelogRows(warehouse, WorkloadEvents.logged(first).size());

                FailOnceClock.ARMED.set(true);
                Produce.events(kafka.bootstrapServers(), topic, second);
                await().atMost(Duration.ofSeconds(60)).untilTrue(FailOnceClock.FIRED);
                ChangelogJobITCase.awaitChangelogRows(warehouse, WorkloadEvents.logged(events).size());
                Thread.sleep(2_000); // several more checkpoints: a duplicate commit would show up now
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            } finally {
                job.cancel().get();
            }

            assertThat(warehouse.readChangelog()).map(TestWarehouse.Logged::change)
                    .containsExactlyInAnyOrderElementsOf(WorkloadEvents.logged(events));
            assertThat(warehouse.rowCount(ThermoclineTables.CHANGELOG)).isEqualTo(WorkloadEvents.logged(events).size());
        }
    }

    /**
     * Iceberg #14425 end to end: a checkpoint's commit to {@code changelog} reaches the real catalog only
     * after its committer was told the outcome is unknown and the job recovered, and after the recovered
     * committer found the checkpoint uncommitted. The change log still equals the input, and no two
     * snapshots carry the same checkpoint of the same job and operator.
     */
    @Test
    void aCheckpointCommitThatLandsAfterRecoveryLookedIsNotCommittedTwice(@TempDir Path dir) throws Exception {
        Workload workload = Workload.generate(WorkloadSpec.orders(6).withInitialRows(200).withEvents(0, 2_000));
        List<WorkloadEvents.Event> events = WorkloadEvents.of(workload);
        List<WorkloadEvents.Event> first = events.subList(0, events.size() / 2);
        List<WorkloadEvents.Event> second = events.subList(events.size() / 2, events.size());
        String topic = "changes-late-commit";
        kafka.createTopic(topic, 2);
        kafka.createTopic(topic + "-dead", 1);

        try (TestWarehouse warehouse = new TestWarehouse(dir, TestWarehouse.orders())) {
            ChangelogTables guardedOverLate = ChangelogTables.ensure(new LateCommitCatalog(warehouse.loader()),
                    TestWarehouse.NAMESPACE);
            KafkaSettings settings = TestJobs.kafka(kafka.bootstrapServers(), topic, topic + "-dead");
            StreamExecutionEnvironment env = TestJobs.environment(dir.resolve("checkpoints"), true);
            new ChangelogJob(settings.changeSource(), warehouse.specs(), warehouse.feed(), guardedOverLate,
                    DeadLetterOutput.kafka(settings, ChangelogJob.NAME), ChangelogSettings.defaults(),
                    Clock.systemUTC()).build(env);
            JobClient job = env.executeAsync("changelog-late-commit");
            try {
                Produce.events(kafka.bootstrapServers(), topic, first);
                ChangelogJobITCase.awaitChangelogRows(warehouse, WorkloadEvents.logged(first).size());

                LateCommitCatalog.ARMED.set(true);
                Produce.events(kafka.bootstrapServers(), topic, second);
                await().atMost(Duration.ofSeconds(60)).untilTrue(LateCommitCatalog.LANDED);
                ChangelogJobITCase.awaitChangelogRows(warehouse, WorkloadEvents.logged(events).size());
                Thread.sleep(2_000); // several more checkpoints: a second commit of the late one would show up now
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            } finally {
                job.cancel().get();
            }

            assertThat(warehouse.readChangelog()).map(TestWarehouse.Logged::change)
                    .containsExactlyInAnyOrderElementsOf(WorkloadEvents.logged(events));
            List<String> checkpoints = new java.util.ArrayList<>();
            for (org.apache.iceberg.Snapshot s : warehouse.table(ThermoclineTables.CHANGELOG).snapshots()) {
                if (s.summary().containsKey("flink.max-committed-checkpoint-id")) {
                    checkpoints.add(s.summary().get("flink.job-id") + "/" + s.summary().get("flink.operator-id") + "/"
                            + s.summary().get("flink.max-committed-checkpoint-id"));
                }
            }
            assertThat(checkpoints).as("one snapshot per committed checkpoint").doesNotHaveDuplicates();
        }
    }

    /**
     * The system clock, except that once armed it throws on the 300th reading: the tagging operator
     * reads it for every change, so the job fails in the middle of the second batch.
     */
    static final class FailOnceClock extends Clock implements Serializable {
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean ARMED = new AtomicBoolean();
        static final AtomicBoolean FIRED = new AtomicBoolean();
        private static final AtomicLong READS_WHILE_ARMED = new AtomicLong();

        @Override
        public long millis() {
            if (ARMED.get() && READS_WHILE_ARMED.incrementAndGet() >= 300 && FIRED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure for the exactly-once test");
            }
            return System.currentTimeMillis();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
