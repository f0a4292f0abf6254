package dev.thermocline.heatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.thermocline.core.access.AccessOp;
import dev.thermocline.core.access.AccessRecord;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.flink.deadletter.DeadLetters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Partition assignment on Flink's test harness: by event time, newer revisions picked up while running. */
class AssignPartitionsTest {

    private static final Instant CUT = Instant.parse("2026-11-24T10:30:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    private static final PartitionMapHistory R0 = HeatmapJobFixture.initialHistory();
    /** p3 = [187500, 250000) split at 200000 from the cut on: the right part is p16. */
    private static final PartitionMapHistory R1 = R0.add(R0.latest().orElseThrow().split("p3", Key.of(200_000L), CUT, "test"));

    /** What the partition_map table holds, as the test sets it (shared: the function is serialized into the harness). */
    private static final AtomicReference<Map<String, PartitionMapHistory>> STORED = new AtomicReference<>();

    private static OneInputStreamOperatorTestHarness<AccessRecord, AccessInPartition> harness(Duration poll) throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(new AssignPartitions(Map.of("orders", R0),
                () -> {
                    Map<String, PartitionMapHistory> stored = STORED.get();
                    if (stored == null) {
                        throw new IllegalStateException("catalog unreachable");
                    }
                    return stored;
                }, poll, CLOCK, Duration.ofDays(1)));
    }

    private static AccessRecord access(Instant at, long key) {
        return new AccessRecord(at, "orders", Long.toString(key), List.of("status"), AccessOp.READ);
    }

    @Test
    void eachAccessGoesToThePartitionOfTheMapInForceAtItsEventTime() throws Exception {
        STORED.set(Map.of("orders", R1));
        try (var harness = harness(Duration.ofHours(1))) {
            harness.processElement(access(CUT.minusMillis(1), 210_000), 0);
            harness.processElement(access(CUT, 210_000), 0);
            harness.processElement(access(CUT, 190_000), 0);

            assertThat(harness.extractOutputValues()).extracting(AccessInPartition::partitionKey)
                    .containsExactly("p3", "p16", "p3");
        }
    }

    @Test
    void aRevisionThatLandsWhileRunningIsPickedUpWithoutARestart() throws Exception {
        STORED.set(Map.of("orders", R0));
        try (var harness = harness(Duration.ofMillis(20))) {
            harness.processElement(access(CUT, 210_000), 0);
            STORED.set(Map.of("orders", R1));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                harness.processElement(access(CUT, 210_000), 0);
                assertThat(harness.extractOutputValues()).last().extracting(AccessInPartition::partitionKey).isEqualTo("p16");
            });
            assertThat(harness.extractOutputValues()).first().extracting(AccessInPartition::partitionKey).isEqualTo("p3");
        }
    }

    @Test
    void anUnreachableStoreOrAnOlderRevisionLeavesTheKnownMapsInPlace() throws Exception {
        STORED.set(null);
        try (var harness = harness(Duration.ofMillis(20))) {
            harness.processElement(access(CUT, 210_000), 0);
            STORED.set(Map.of("orders", R1));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                harness.processElement(access(CUT, 210_000), 0);
                assertThat(harness.extractOutputValues()).last().extracting(AccessInPartition::partitionKey).isEqualTo("p16");
            });
            STORED.set(Map.of("orders", R0));
            Thread.sleep(100);
            harness.processElement(access(CUT, 210_000), 0);
            assertThat(harness.extractOutputValues()).first().extracting(AccessInPartition::partitionKey).isEqualTo("p3");
            assertThat(harness.extractOutputValues()).last().extracting(AccessInPartition::partitionKey).isEqualTo("p16");
        }
    }

    @Test
    void anAccessStampedFarAheadOfTheClockIsADeadLetter() throws Exception {
        STORED.set(Map.of("orders", R0));
        try (var harness = harness(Duration.ofHours(1))) {
            harness.processElement(access(Instant.parse("2100-01-01T00:00:00Z"), 5), 0);
            harness.processElement(access(CLOCK.instant().plus(Duration.ofHours(23)), 5), 0);

            assertThat(harness.getSideOutput(DeadLetters.TAG)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().reason()).startsWith("timestamp 2100-01-01T00:00:00Z is more than PT24H ahead"));
            assertThat(harness.extractOutputValues()).hasSize(1);
        }
    }
}
