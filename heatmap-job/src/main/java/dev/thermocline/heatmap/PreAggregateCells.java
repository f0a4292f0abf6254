package dev.thermocline.heatmap;

import dev.thermocline.core.heat.CellAggregate;
import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.flink.deadletter.DeadLetters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongPredicate;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts accesses into per-(window, table, partition) partial cells in memory, before the keyed
 * window: the window then merges a few partial cells instead of reading and writing its RocksDB
 * state (a key sketch included) once per access. The local-aggregation half of Flink SQL's
 * two-phase aggregation, with event-time windows:
 *
 * <ul>
 *   <li><b>Lateness is decided here, per record</b>, with the same rule as Flink's window operator
 *       (late when the window's last millisecond plus the allowed lateness is at or below the
 *       watermark). A late access becomes a dead letter, counted in {@code records_late}.
 *   <li><b>A partial cell is emitted before any watermark that would close its window</b>, so
 *       downstream never sees it late, and the window fires with every on-time access in it.
 *   <li><b>Everything is emitted before each checkpoint barrier</b> ({@link #prepareSnapshotPreBarrier}),
 *       so the buffer is empty in every checkpoint: no state of its own, exactly-once preserved.
 *   <li>Beyond {@code maxBufferedCells} open cells it flushes early: memory stays bounded.
 * </ul>
 */
public final class PreAggregateCells extends AbstractStreamOperator<HeatmapCell>
        implements OneInputStreamOperator<AccessInPartition, HeatmapCell> {

    private static final long serialVersionUID = 1L;

    private final long windowMillis;
    private final long allowedLatenessMillis;
    private final int maxBufferedCells;
    private final Map<String, KeyType> keyTypes;
    private final Clock clock;

    private transient Map<Slot, CellAggregate> open;
    private transient long watermark;
    private transient Counter late;

    /** Chains to what feeds it: a factory's default chaining strategy is ALWAYS. */
    PreAggregateCells(HeatmapJobOptions options, Map<String, KeyType> keyTypes, Clock clock) {
        this.windowMillis = options.window().toMillis();
        this.allowedLatenessMillis = options.allowedLateness().toMillis();
        this.maxBufferedCells = options.maxBufferedCells();
        this.keyTypes = new HashMap<>(keyTypes);
        this.clock = clock;
    }

    @Override
    public void open() throws Exception {
        super.open();
        open = new HashMap<>();
        watermark = Long.MIN_VALUE;
        late = getMetricGroup().counter("records_late");
    }

    @Override
    public void processElement(StreamRecord<AccessInPartition> element) {
        AccessInPartition access = element.getValue();
        long start = Math.floorDiv(access.timestamp(), windowMillis) * windowMillis;
        if (closesAt(start) <= watermark) {
            late.inc();
            output.collect(DeadLetters.TAG, new StreamRecord<>(lateLetter(access, start)));
            return;
        }
        open.computeIfAbsent(new Slot(start, access.tableName(), access.partitionKey()),
                        slot -> CellAggregate.empty(keyTypes.get(slot.table())))
                .add(access.key(), access.op(), access.accessedColumns());
        if (open.size() > maxBufferedCells) {
            flush(closesAt -> true);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long next = mark.getTimestamp();
        flush(closesAt -> closesAt <= next);
        watermark = Math.max(watermark, next);
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush(closesAt -> true);
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush(closesAt -> true);
        super.finish();
    }

    /** The watermark at which the window starting at {@code start} closes downstream. */
    private long closesAt(long start) {
        return start + windowMillis - 1 + allowedLatenessMillis;
    }

    private void flush(LongPredicate closing) {
        Iterator<Map.Entry<Slot, CellAggregate>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Slot, CellAggregate> e = it.next();
            Slot slot = e.getKey();
            if (closing.test(closesAt(slot.start()))) {
                HeatmapCell cell = e.getValue().toCell(Instant.ofEpochMilli(slot.start()),
                        Instant.ofEpochMilli(slot.start() + windowMillis), slot.table(), slot.partition());
                output.collect(new StreamRecord<>(cell, slot.start()));
                it.remove();
            }
        }
    }

    private DeadLetter lateLetter(AccessInPartition access, long start) {
        return new DeadLetter("heatmap:" + access.tableName(),
                "late: event time " + Instant.ofEpochMilli(access.timestamp()) + " falls in window ["
                        + Instant.ofEpochMilli(start) + ", " + Instant.ofEpochMilli(start + windowMillis)
                        + "), closed at watermark " + Instant.ofEpochMilli(watermark) + " (allowed lateness "
                        + Duration.ofMillis(allowedLatenessMillis) + ")",
                AccessJson.render(access), clock.instant());
    }

    /** One open cell. */
    private record Slot(long start, String table, String partition) {}
}
