package dev.thermocline.workload;

import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Emits a seeded workload one event at a time: first the initial snapshot ({@code r} events), then
 * accesses and changes interleaved in time. Every change that really happened (duplicates and
 * malformed records excluded) is reported to the {@code history} listener: that is the ground
 * truth oracles replay.
 */
public final class WorkloadGenerator implements Iterator<GeneratedEvent> {

    private static final String[] STATUSES = {"NEW", "PAID", "PACKED", "SHIPPED", "DELIVERED", "RETURNED"};
    private static final String[][] COLUMN_SETS = {
        {"status"}, {"status", "total"}, {"total"}, {"customer"}, {"status", "customer", "total"}
    };
    /** Zipf ranks beyond this many keys either side of the centre fall back to uniform (tail). */
    private static final int ZIPF_SPAN = 1 << 20;

    private final WorkloadSpec spec;
    private final Consumer<ChangeRecord> history;
    private final UniformRandomProvider rng;
    private final DiscreteSampler zipf;
    private final Map<Long, Integer> liveVersions = new HashMap<>();
    private final Map<Long, String> liveRows = new HashMap<>();
    private final Deque<GeneratedEvent> pending = new ArrayDeque<>();
    private final long totalTimed;
    private final long startMillis;
    private final long durationMillis;

    private long snapshotEmitted;
    private long timedEmitted;
    private long accessesLeft;
    private long changesLeft;
    private long lsn = 1_000;

    public WorkloadGenerator(WorkloadSpec spec, Consumer<ChangeRecord> history) {
        this.spec = spec;
        this.history = history;
        this.rng = RandomSource.XO_RO_SHI_RO_128_PP.create(spec.seed());
        long span = Math.min(spec.keyHigh() - spec.keyLow(), ZIPF_SPAN);
        this.zipf = RejectionInversionZipfSampler.of(rng, (int) Math.max(1, span), spec.zipfExponent());
        this.accessesLeft = spec.accessEvents();
        this.changesLeft = spec.changeEvents();
        this.totalTimed = spec.accessEvents() + spec.changeEvents();
        this.startMillis = spec.start().toEpochMilli();
        this.durationMillis = spec.duration().toMillis();
    }

    @Override
    public boolean hasNext() {
        return !pending.isEmpty() || snapshotEmitted < spec.initialRows() || timedEmitted < totalTimed;
    }

    @Override
    public GeneratedEvent next() {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        if (snapshotEmitted < spec.initialRows()) {
            return snapshotRow(snapshotEmitted++);
        }
        if (timedEmitted >= totalTimed) {
            throw new NoSuchElementException();
        }
        double fraction = (double) timedEmitted / totalTimed;
        long t = startMillis + (long) (fraction * durationMillis);
        timedEmitted++;
        boolean access = rng.nextLong(accessesLeft + changesLeft) < accessesLeft;
        GeneratedEvent event;
        if (access) {
            accessesLeft--;
            event = access(t, fraction);
        } else {
            changesLeft--;
            event = change(t, fraction);
            if (rng.nextDouble() < spec.duplicateShare()) {
                pending.add(new GeneratedEvent(GeneratedEvent.Kind.DUPLICATE_CHANGE, event.eventTime(), event.key(),
                        event.json()));
            }
        }
        if (spec.badRecordShare() > 0 && rng.nextDouble() < spec.badRecordShare()) {
            pending.add(BadRecords.make(rng, spec, Instant.ofEpochMilli(t)));
        }
        return event;
    }

    /** The snapshot spreads {@code initialRows} keys evenly over the domain. */
    private GeneratedEvent snapshotRow(long i) {
        long step = (spec.keyHigh() - spec.keyLow()) / Math.max(1, spec.initialRows());
        long key = spec.keyLow() + i * Math.max(1, step);
        return emitChange(key, ChangeOp.READ, startMillis);
    }

    private GeneratedEvent access(long t, double fraction) {
        long key = skewedKey(fraction);
        long ts = t;
        if (rng.nextDouble() < spec.outOfOrderShare()) {
            ts -= (long) (rng.nextDouble() * spec.maxDisorder().toMillis());
        }
        String[] columns = COLUMN_SETS[rng.nextInt(COLUMN_SETS.length)];
        boolean write = rng.nextInt(5) == 0;
        StringBuilder sb = new StringBuilder(160).append("{\"timestamp\":");
        if (rng.nextBoolean()) {
            sb.append(ts);
        } else {
            sb.append('"').append(Instant.ofEpochMilli(ts)).append('"');
        }
        sb.append(",\"table_name\":\"").append(spec.tableName()).append("\",\"partition_key\":\"").append(key)
                .append("\",\"accessed_columns\":[");
        for (int i = 0; i < columns.length; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(columns[i]).append('"');
        }
        sb.append("],\"op\":\"").append(write ? "write" : "read").append("\"}");
        return new GeneratedEvent(GeneratedEvent.Kind.ACCESS, Instant.ofEpochMilli(ts), Long.toString(key),
                sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private GeneratedEvent change(long t, double fraction) {
        long key = skewedKey(fraction);
        ChangeOp op;
        if (!liveVersions.containsKey(key)) {
            op = ChangeOp.CREATE;
        } else {
            op = rng.nextDouble() < spec.deleteShare() ? ChangeOp.DELETE : ChangeOp.UPDATE;
        }
        return emitChange(key, op, t);
    }

    /** A key near the current hotspot: Zipf rank r lands r/2 keys to the right (odd) or left (even). */
    long skewedKey(double fraction) {
        long centre = spec.hotspotAt(fraction);
        int rank = zipf.sample();
        long offset = (rank & 1) == 1 ? rank / 2 : -(rank / 2);
        long width = spec.keyHigh() - spec.keyLow();
        long k = Math.floorMod(centre - spec.keyLow() + offset, width) + spec.keyLow();
        return k;
    }

    private GeneratedEvent emitChange(long key, ChangeOp op, long tsMillis) {
        String before = liveRows.get(key);
        String after = null;
        if (op != ChangeOp.DELETE) {
            int version = liveVersions.merge(key, 1, Integer::sum);
            after = row(key, version);
            liveRows.put(key, after);
        } else {
            liveVersions.remove(key);
            liveRows.remove(key);
        }
        lsn += 8 + rng.nextInt(64);
        Instant ts = Instant.ofEpochMilli(tsMillis);
        history.accept(new ChangeRecord(spec.tableName(), Key.of(key), op, new ChangePosition(lsn, 0), ts, after));
        String payload = DebeziumJson.envelope(spec, op, before, after, lsn, tsMillis);
        if (rng.nextDouble() < spec.wrappedEnvelopeShare()) {
            payload = DebeziumJson.wrapped(payload);
        }
        return new GeneratedEvent(GeneratedEvent.Kind.CHANGE, ts, Long.toString(key),
                payload.getBytes(StandardCharsets.UTF_8));
    }

    private String row(long key, int version) {
        String status = STATUSES[Math.min(STATUSES.length - 1, version - 1 + rng.nextInt(2))];
        long cents = 100 + rng.nextInt(99_900);
        return "{\"" + spec.keyColumn() + "\":" + key + ",\"status\":\"" + status + "\",\"total\":"
                + (cents / 100) + "." + String.format("%02d", cents % 100) + ",\"customer\":\"c-"
                + (key % 9973) + "\",\"version\":" + version + "}";
    }
}
