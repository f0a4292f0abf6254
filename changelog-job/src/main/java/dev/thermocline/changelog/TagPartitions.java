package dev.thermocline.changelog;

import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.flink.deadletter.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tags each change with the partition that holds its key under the map in force at the change's
 * timestamp ({@link PartitionMapHistory#mapAt}; before the first revision, the first one), and
 * turns it into a {@code changelog} row. Tagging by the change's own time, not by arrival, makes a
 * replay or a backfill tag exactly as the live run did.
 *
 * <p>The maps come from a {@link PartitionMapFeed}, asked again when a change arrives at least one
 * poll interval after the last ask, so a new revision is used without a restart. A revision
 * should be committed before its {@code validFrom} passes (the planner makes it valid a little
 * ahead); changes tagged before it arrived keep the tag they got.
 */
public final class TagPartitions extends ProcessFunction<ChangeRecord, RowData> implements ResultTypeQueryable<RowData> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TagPartitions.class);

    private final PartitionMapFeed feed;
    private final long pollMillis;
    private final Clock clock;

    private transient Map<String, PartitionMapHistory> histories;
    private transient long nextPoll;

    public TagPartitions(PartitionMapFeed feed, Duration pollInterval, Clock clock) {
        this.feed = Objects.requireNonNull(feed, "feed is required.");
        this.pollMillis = pollInterval.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock is required.");
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        histories = feed.current();
        nextPoll = clock.millis() + pollMillis;
        for (String table : histories.keySet()) {
            getRuntimeContext().getMetricGroup().addGroup("table", table).gauge("partition_map_revision",
                    () -> histories.get(table).latest().map(PartitionMap::revision).orElse(-1L));
        }
    }

    @Override
    public void processElement(ChangeRecord change, Context ctx, Collector<RowData> out) throws Exception {
        pollIfDue();
        PartitionMapHistory history = histories.get(change.tableName());
        if (history == null || history.isEmpty()) {
            ctx.output(DeadLetters.TAG, new DeadLetter("changelog:" + change.tableName(),
                    "table '" + change.tableName() + "' has no partition map", describe(change), clock.instant()));
            return;
        }
        PartitionMap map = history.mapAt(change.timestamp()).orElseGet(() -> history.revisions().get(0));
        out.collect(ChangelogRows.of(change, map.partitionFor(change.key()).partitionKey()));
    }

    private void pollIfDue() throws Exception {
        long now = clock.millis();
        if (now < nextPoll) {
            return;
        }
        nextPoll = now + pollMillis;
        Map<String, PartitionMapHistory> fresh = feed.current();
        for (Map.Entry<String, PartitionMapHistory> e : fresh.entrySet()) {
            long had = revision(histories.get(e.getKey()));
            long has = revision(e.getValue());
            if (has > had) {
                LOG.info("Partition map of '{}' is now at revision {} (was {})", e.getKey(), has, had);
            }
        }
        histories = fresh;
    }

    private static long revision(PartitionMapHistory history) {
        return history == null ? -1 : history.latest().map(PartitionMap::revision).orElse(-1L);
    }

    private static byte[] describe(ChangeRecord change) {
        return change.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        feed.close();
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return ChangelogRows.typeInfo();
    }
}
