package dev.thermocline.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.flink.deadletter.DeadLetters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.Test;

class TagPartitionsTest {

    private static final Instant SPLIT_AT = Instant.parse("2026-11-24T10:30:00Z");

    @Test
    void tagsEachChangeByTheMapInForceAtItsOwnTimeAndDeadLettersUnmappedTables() throws Exception {
        PartitionMap initial = PartitionMap.initial(TestWarehouse.orders().get("orders"), Instant.EPOCH);
        PartitionMapHistory history = PartitionMapHistory.empty("orders").add(initial)
                .add(initial.split("p2", Key.of(700_000), SPLIT_AT, "test"));
        TagPartitions tag = new TagPartitions(PartitionMapFeed.fixed(Map.of("orders", history)), Duration.ofSeconds(1),
                Clock.systemUTC());

        try (OneInputStreamOperatorTestHarness<ChangeRecord, RowData> harness =
                     ProcessFunctionTestHarnesses.forProcessFunction(tag)) {
            harness.processElement(change("orders", 710_000, SPLIT_AT.minusMillis(1)), 0);
            harness.processElement(change("orders", 710_000, SPLIT_AT), 0);
            harness.processElement(change("orders", 10, SPLIT_AT), 0);
            harness.processElement(change("customers", 1, SPLIT_AT), 0);

            List<String> tags = harness.extractOutputValues().stream().map(r -> r.getString(1).toString()).toList();
            assertThat(tags).containsExactly("p2", "p4", "p0");
            assertThat(harness.getSideOutput(DeadLetters.TAG)).singleElement()
                    .satisfies(d -> assertThat(d.getValue().reason()).isEqualTo("table 'customers' has no partition map"));
        }
    }

    private static ChangeRecord change(String table, long key, Instant ts) {
        return new ChangeRecord(table, Key.of(key), ChangeOp.UPDATE, new ChangePosition(1, 0), ts, "{\"id\":" + key + "}");
    }
}
