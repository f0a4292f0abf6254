package dev.thermocline.core.repartition;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

/** Drives an engine with a synthetic load, one interval per {@link #step()}, and records what it decided. */
final class EngineRun {

    final RepartitionEngine engine;
    private final SyntheticHeat.Load load;
    private final Random rnd;
    final List<PlanDecision> decisions = new ArrayList<>();
    /** Partition id -> the interval in which it got its current range (0 for the initial map). */
    final Map<String, Long> changedAt = new HashMap<>();
    long t;

    EngineRun(PartitionMap initial, HeatSettings heat, PlannerSettings planner, SyntheticHeat.Load load, long seed) {
        this.engine = new RepartitionEngine(initial, heat, planner);
        this.load = load;
        this.rnd = new Random(seed);
        initial.partitions().forEach(p -> changedAt.put(p.partitionKey(), 0L));
    }

    /** Orders in 16 equal ranges over [0, 1 000 000). */
    static PartitionMap sixteenOrderPartitions() {
        TableSpec spec = new TableSpec("orders", "id", KeyType.LONG,
                new InitialPartitioning.EqualRanges(16, Key.of(0), Key.of(1_000_000)));
        return PartitionMap.initial(spec, SyntheticHeat.T0);
    }

    Optional<PlanDecision> step() {
        PartitionMap before = engine.currentMap();
        Optional<PlanDecision> d = engine.onInterval(SyntheticHeat.cells(before, load, t, rnd), SyntheticHeat.timeOf(t));
        d.ifPresent(decision -> {
            decisions.add(decision);
            for (Decision x : decision.decisions()) {
                if (x.kind() == Decision.Kind.SPLIT) {
                    changedAt.put(x.partitionKeys().get(0), t);
                }
                changedAt.put(x.resultPartitionKey(), t);
            }
        });
        t++;
        return d;
    }

    void run(int intervals) {
        for (int i = 0; i < intervals; i++) {
            step();
        }
    }

    /** Runs until {@code done} holds after an interval, at most {@code limit} intervals; the intervals taken, or -1. */
    long runUntil(BooleanSupplier done, int limit) {
        for (int i = 1; i <= limit; i++) {
            step();
            if (done.getAsBoolean()) {
                return i;
            }
        }
        return -1;
    }

    /** The current partitions holding any key of [low, high]. */
    List<Partition> covering(long low, long high) {
        return engine.currentMap().overlapping(new KeyInterval(Key.of(low), Key.of(high)));
    }

    /** How many keys the partitions covering [low, high] span together (open ends count as infinite). */
    double coveredWidth(long low, long high) {
        double width = 0;
        for (Partition p : covering(low, high)) {
            if (p.range().start() == null || p.range().end() == null) {
                return Double.POSITIVE_INFINITY;
            }
            width += (double) ((LongKey) p.range().end()).value()
                    - ((LongKey) p.range().start()).value();
        }
        return width;
    }

    /**
     * The share of a uniform hotspot [start, start + width) that lies in partitions at most
     * {@code maxPartitionWidth} keys wide: 1.0 once it is fully isolated.
     */
    double isolatedShare(long start, long width, double maxPartitionWidth) {
        double inNarrow = 0;
        for (Partition p : covering(start, start + width - 1)) {
            long lo = p.range().start() == null ? Long.MIN_VALUE : ((LongKey) p.range().start()).value();
            long hi = p.range().end() == null ? Long.MAX_VALUE : ((LongKey) p.range().end()).value();
            if ((double) hi - lo <= maxPartitionWidth) {
                inNarrow += Math.min(hi, start + width) - Math.max(lo, start);
            }
        }
        return inNarrow / width;
    }

    long revisionsSince(long interval) {
        return decisions.stream().filter(d -> d.intervalIndex() >= interval).count();
    }
}
