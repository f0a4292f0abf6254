package dev.thermocline.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What to generate: a table with long keys in [{@code keyLow}, {@code keyHigh}), an initial
 * snapshot, then accesses and changes over {@code duration} that cluster (Zipf) around a hotspot
 * which moves from phase to phase. Everything derives from {@code seed}: the same spec always
 * yields the same bytes.
 *
 * @param zipfExponent skew of the key distribution around the hotspot centre (1.0–1.3 is realistic)
 * @param deleteShare share of changes to a live row that delete it
 * @param duplicateShare share of change events re-sent as exact duplicates (Debezium is at-least-once)
 * @param wrappedEnvelopeShare share of change events in the {@code schema}/{@code payload} wrapper
 * @param outOfOrderShare share of access events whose timestamp lags by up to {@code maxDisorder}
 * @param badRecordShare share of extra malformed records of every kind (they go to dead letters)
 */
public record WorkloadSpec(
        String tableName,
        String keyColumn,
        long keyLow,
        long keyHigh,
        long initialRows,
        Instant start,
        Duration duration,
        long accessEvents,
        long changeEvents,
        double zipfExponent,
        List<HotspotPhase> hotspots,
        double deleteShare,
        double duplicateShare,
        double wrappedEnvelopeShare,
        double outOfOrderShare,
        Duration maxDisorder,
        double badRecordShare,
        long seed) {

    public WorkloadSpec {
        if (keyLow >= keyHigh) {
            throw new IllegalArgumentException("key domain [" + keyLow + ", " + keyHigh + ") is empty");
        }
        if (initialRows < 0 || initialRows > keyHigh - keyLow) {
            throw new IllegalArgumentException("initialRows " + initialRows + " does not fit the key domain");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        if (accessEvents < 0 || changeEvents < 0) {
            throw new IllegalArgumentException("event counts must be >= 0");
        }
        if (zipfExponent <= 0) {
            throw new IllegalArgumentException("zipfExponent must be > 0, was " + zipfExponent);
        }
        hotspots = hotspots.stream().sorted(Comparator.comparingDouble(HotspotPhase::fromFraction)).toList();
        if (hotspots.isEmpty() || hotspots.get(0).fromFraction() != 0.0) {
            throw new IllegalArgumentException("the first hotspot phase must start at 0.0");
        }
        for (HotspotPhase h : hotspots) {
            if (h.centerKey() < keyLow || h.centerKey() >= keyHigh) {
                throw new IllegalArgumentException("hotspot centre " + h.centerKey() + " is outside the key domain");
            }
        }
        requireShare("deleteShare", deleteShare);
        requireShare("duplicateShare", duplicateShare);
        requireShare("wrappedEnvelopeShare", wrappedEnvelopeShare);
        requireShare("outOfOrderShare", outOfOrderShare);
        requireShare("badRecordShare", badRecordShare);
    }

    private static void requireShare(String name, double v) {
        if (v < 0 || v > 1) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + v);
        }
    }

    /**
     * The demo's shape: {@code orders}, 100k keys in [0, 1 000 000), a hotspot at 20% of the key
     * space that moves to 70% halfway through, one hour of event time.
     */
    public static WorkloadSpec orders(long seed) {
        return new WorkloadSpec("orders", "id", 0, 1_000_000, 100_000,
                Instant.parse("2026-11-24T10:00:00Z"), Duration.ofHours(1),
                200_000, 100_000, 1.1,
                List.of(new HotspotPhase(0.0, 200_000), new HotspotPhase(0.5, 700_000)),
                0.05, 0.01, 0.3, 0.05, Duration.ofSeconds(20), 0.0, seed);
    }

    public WorkloadSpec withEvents(long accesses, long changes) {
        return new WorkloadSpec(tableName, keyColumn, keyLow, keyHigh, initialRows, start, duration, accesses,
                changes, zipfExponent, hotspots, deleteShare, duplicateShare, wrappedEnvelopeShare,
                outOfOrderShare, maxDisorder, badRecordShare, seed);
    }

    public WorkloadSpec withInitialRows(long rows) {
        return new WorkloadSpec(tableName, keyColumn, keyLow, keyHigh, rows, start, duration, accessEvents,
                changeEvents, zipfExponent, hotspots, deleteShare, duplicateShare, wrappedEnvelopeShare,
                outOfOrderShare, maxDisorder, badRecordShare, seed);
    }

    public WorkloadSpec withBadRecordShare(double share) {
        return new WorkloadSpec(tableName, keyColumn, keyLow, keyHigh, initialRows, start, duration, accessEvents,
                changeEvents, zipfExponent, hotspots, deleteShare, duplicateShare, wrappedEnvelopeShare,
                outOfOrderShare, maxDisorder, share, seed);
    }

    public WorkloadSpec withDuration(Instant newStart, Duration newDuration) {
        return new WorkloadSpec(tableName, keyColumn, keyLow, keyHigh, initialRows, newStart, newDuration,
                accessEvents, changeEvents, zipfExponent, hotspots, deleteShare, duplicateShare,
                wrappedEnvelopeShare, outOfOrderShare, maxDisorder, badRecordShare, seed);
    }

    /** The hotspot centre in force at {@code fraction} of the run. */
    long hotspotAt(double fraction) {
        long centre = hotspots.get(0).centerKey();
        for (HotspotPhase h : hotspots) {
            if (h.fromFraction() <= fraction) {
                centre = h.centerKey();
            }
        }
        return centre;
    }
}
