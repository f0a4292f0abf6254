package dev.thermocline.heatmap;

import dev.thermocline.core.access.AccessRecord;
import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.flink.deadletter.DeadLetters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assigns each access to the partition that holds its key under the map in force at the access's
 * event time ({@link PartitionMapHistory#mapAt}). By event time, not arrival: a replay from a
 * checkpoint or a backfill gives the same cells as the live run did.
 *
 * <p>New revisions are picked up while the job runs: a background thread re-reads the histories
 * every poll interval and swaps them in whole. Each assigner reads for itself, so the function stays
 * chained to the parser: a broadcast stream needs a two-input operator, hence a serialized hop for
 * every access, and cost the job's access path 40% more CPU in the benchmark (heatmap-job/README.md).
 * A revision reaches the job
 * within one poll; accesses processed before that use the map that was known, so a planner that wants
 * an exact cut makes a revision valid a poll interval ahead. On a restore the assigner starts from the
 * stored histories again, which hold every revision, so replayed accesses land where they belong.
 *
 * <p>Accesses stamped too far ahead of the clock are dead-lettered: left in, one bogus far-future
 * timestamp would drag the watermark past every honest record after it.
 */
public final class AssignPartitions extends ProcessFunction<AccessRecord, AccessInPartition> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AssignPartitions.class);

    private final Map<String, byte[]> initialHistories;
    private final PartitionMapReader reader;
    private final long pollMillis;
    private final Clock clock;
    private final long maxFutureSkewMillis;

    private transient volatile Map<String, PartitionMapHistory> histories;
    private transient Map<String, KeyType> keyTypes;
    private transient ScheduledExecutorService poller;
    private transient Counter rejected;

    /**
     * @param initialHistories each configured table's history as known when the job is built
     * @param reader re-reads the histories; called at open and every {@code pollInterval}
     * @param maxFutureSkew how far ahead of {@code clock} an event time may be
     */
    public AssignPartitions(Map<String, PartitionMapHistory> initialHistories, PartitionMapReader reader,
                            Duration pollInterval, Clock clock, Duration maxFutureSkew) {
        this.initialHistories = new HashMap<>();
        initialHistories.forEach((table, history) -> {
            if (history.isEmpty()) {
                throw new IllegalArgumentException("partition-map history of '" + table + "' has no revision");
            }
            this.initialHistories.put(table, PartitionMapCodec.encode(history));
        });
        this.reader = Objects.requireNonNull(reader, "reader is required.");
        this.pollMillis = pollInterval.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock is required.");
        this.maxFutureSkewMillis = maxFutureSkew.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        Map<String, PartitionMapHistory> known = new HashMap<>();
        keyTypes = new HashMap<>();
        initialHistories.forEach((table, bytes) -> {
            PartitionMapHistory history = PartitionMapCodec.decode(bytes);
            known.put(table, history);
            keyTypes.put(table, history.revisions().get(0).keyType());
        });
        histories = Map.copyOf(known);
        refresh();
        var metrics = getRuntimeContext().getMetricGroup();
        rejected = metrics.counter("records_rejected_future");
        for (String table : initialHistories.keySet()) {
            metrics.addGroup("table", table).gauge("partition_map_revision",
                    () -> histories.get(table).latest().map(PartitionMap::revision).orElse(-1L));
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "partition-map-poller " + getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks());
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::refresh, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** Adopts every table's history that has a newer revision than the one in use. */
    private void refresh() {
        Map<String, PartitionMapHistory> read;
        try {
            read = reader.read();
        } catch (Exception e) {
            if (!Thread.currentThread().isInterrupted()) {
                LOG.warn("Reading the partition maps failed; keeping the ones known so far", e);
            }
            return;
        }
        Map<String, PartitionMapHistory> next = new HashMap<>(histories);
        read.forEach((table, candidate) -> {
            PartitionMapHistory current = next.get(table);
            long have = current == null ? -1 : current.latest().map(PartitionMap::revision).orElse(-1L);
            long offered = candidate.latest().map(PartitionMap::revision).orElse(-1L);
            if (current != null && offered > have) {
                next.put(table, candidate);
                LOG.info("Partition map of '{}' is now at revision {} (was {})", table, offered, have);
            }
        });
        histories = Map.copyOf(next);
    }

    @Override
    public void processElement(AccessRecord access, Context ctx, Collector<AccessInPartition> out) {
        long ts = access.timestamp().toEpochMilli();
        long now = clock.millis();
        if (ts - now > maxFutureSkewMillis) {
            reject(ctx, access, "timestamp " + access.timestamp() + " is more than " + Duration.ofMillis(maxFutureSkewMillis)
                    + " ahead of the clock (" + Instant.ofEpochMilli(now) + ")");
            return;
        }
        PartitionMapHistory history = histories.get(access.tableName());
        if (history == null) {
            reject(ctx, access, "table '" + access.tableName() + "' has no partition map");
            return;
        }
        Key key;
        try {
            key = keyTypes.get(access.tableName()).parse(access.partitionKey());
        } catch (IllegalArgumentException e) {
            reject(ctx, access, e.getMessage());
            return;
        }
        PartitionMap map = history.mapAt(access.timestamp()).orElseGet(() -> history.revisions().get(0));
        // The history's own table name and the map's partition id: the same String instances every time,
        // so the pre-aggregation's hashing finds their hash codes cached.
        out.collect(new AccessInPartition(history.tableName(), map.partitionFor(key).partitionKey(), ts, key,
                access.op(), access.accessedColumns()));
    }

    @Override
    public void close() throws Exception {
        if (poller != null) {
            poller.shutdownNow();
        }
        reader.close();
    }

    private void reject(Context ctx, AccessRecord access, String reason) {
        rejected.inc();
        ctx.output(DeadLetters.TAG, new DeadLetter("heatmap:" + access.tableName(), reason,
                AccessJson.render(access), clock.instant()));
    }
}
