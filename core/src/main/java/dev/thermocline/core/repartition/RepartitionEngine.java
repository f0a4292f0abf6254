package dev.thermocline.core.repartition;

import dev.thermocline.core.heat.CellSpread;
import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.heat.KeySketchView;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Dynamic Partitioning Engine for one table, as the repartition job drives it: once per
 * interval it takes that interval's heatmap cells, updates every partition's {@link PartitionHeat},
 * and (after the warm-up) asks the {@link RepartitionPlanner} for a plan. A non-empty plan is
 * applied at once: {@link #currentMap()} is the next revision, which the caller commits. If the
 * commit loses to another writer, the caller {@link #adopt}s the map that won.
 *
 * <p>Cells name partitions by id under the map in force when the accesses happened. A cell whose
 * id had another range then (late windows: the id was split — a split's left part keeps the id —,
 * merged or retired since) is spread over the partitions now covering the range the id had at the
 * cell's window start, by the cell's key sketch ({@link CellSpread}); cells of ids the engine never knew are counted in {@link
 * #unattributedAccesses()} and otherwise ignored, as are sketches that cannot be read (counted in
 * {@link #unreadableSketches()}).
 *
 * <p>Serializable for Flink state: the map, per partition a few numbers and two key sketches
 * (each at most a few KB, stored in {@code KeySketch}'s compact form), and the ranges of
 * recently retired ids. Not thread-safe.
 */
public final class RepartitionEngine implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Retired ids remembered for late cells; beyond this the oldest are forgotten. */
    static final int MAX_RETIRED = 1024;

    private final HeatSettings heatSettings;
    private final PlannerSettings plannerSettings;
    private PartitionMap map;
    private Map<String, PartitionHeat> heat = new LinkedHashMap<>();
    private final LinkedHashMap<String, KeyRange> retired = new LinkedHashMap<>();
    /** Per id, the ranges it had before its current one (or before it retired), oldest first; null in old state. */
    private LinkedHashMap<String, List<PastRange>> pastRanges = new LinkedHashMap<>();
    private long intervals;
    private long unattributedAccesses;
    private long unreadableSketches;
    private transient RepartitionPlanner planner;

    public RepartitionEngine(PartitionMap initial, HeatSettings heatSettings, PlannerSettings plannerSettings) {
        this.map = Objects.requireNonNull(initial, "initial partition map is required");
        this.heatSettings = Objects.requireNonNull(heatSettings, "heat settings are required");
        this.plannerSettings = Objects.requireNonNull(plannerSettings, "planner settings are required");
        for (Partition p : initial.partitions()) {
            heat.put(p.partitionKey(), PartitionHeat.fresh(p, initial.keyType(), 0));
        }
    }

    /**
     * One interval: {@code cells} are all of this table's heatmap cells that arrived since the
     * last call (any number of windows; none at all means no accesses). Returns the plan decided
     * in this interval, already applied with validFrom {@code now} (or the current revision's
     * validFrom, if that is later).
     */
    public Optional<PlanDecision> onInterval(List<HeatmapCell> cells, Instant now) {
        Objects.requireNonNull(cells, "cells are required");
        Objects.requireNonNull(now, "now is required");
        Map<String, Observed> observed = attribute(cells);
        for (PartitionHeat h : heat.values()) {
            Observed o = observed.get(h.partitionKey());
            h.observe(o == null ? 0 : o.accesses, o == null ? null : o.sketch, heatSettings);
        }
        long index = intervals++;
        if (intervals < heatSettings.warmupIntervals()) {
            return Optional.empty();
        }
        PlanDecision decision = planner().plan(map, heat, index);
        if (decision.isEmpty()) {
            return Optional.empty();
        }
        Instant validFrom = now.isBefore(map.validFrom()) ? map.validFrom() : now;
        reconcile(decision.apply(validFrom), index);
        return Optional.of(decision);
    }

    /**
     * Makes {@code next} the current map (one committed by another writer, or reloaded after a
     * lost commit). Partitions whose range is unchanged keep their heat; the others inherit from
     * the old partitions they overlap, by key sketch, and start their cool-down now.
     */
    public void adopt(PartitionMap next) {
        Objects.requireNonNull(next, "map is required");
        if (!next.tableName().equals(map.tableName()) || next.keyType() != map.keyType()) {
            throw new IllegalArgumentException("engine of '" + map.tableName() + "' (" + map.keyType().configName()
                    + " keys) cannot adopt a map of '" + next.tableName() + "' (" + next.keyType().configName() + " keys)");
        }
        reconcile(next, Math.max(0, intervals - 1));
    }

    public PartitionMap currentMap() {
        return map;
    }

    /** Each current partition's heat, in key order. */
    public Map<String, PartitionHeat> heat() {
        return Collections.unmodifiableMap(heat);
    }

    public long intervalsObserved() {
        return intervals;
    }

    public long unattributedAccesses() {
        return unattributedAccesses;
    }

    public long unreadableSketches() {
        return unreadableSketches;
    }

    public HeatSettings heatSettings() {
        return heatSettings;
    }

    public PlannerSettings plannerSettings() {
        return plannerSettings;
    }

    private RepartitionPlanner planner() {
        if (planner == null) {
            planner = new RepartitionPlanner(plannerSettings);
        }
        return planner;
    }

    /** A range an id had until {@code until} (exclusive). */
    private record PastRange(Instant until, KeyRange range) implements Serializable {}

    /** One interval's accesses and key sketch for one current partition. */
    private static final class Observed {
        double accesses;
        KeySketch sketch;

        void add(double count, KeySketch s) {
            accesses += count;
            if (s != null) {
                if (sketch == null) {
                    sketch = s.copy();
                } else {
                    sketch.merge(s);
                }
            }
        }
    }

    private Map<String, Observed> attribute(List<HeatmapCell> cells) {
        Map<String, Observed> out = new HashMap<>();
        for (HeatmapCell cell : cells) {
            if (!cell.tableName().equals(map.tableName())) {
                throw new IllegalArgumentException("engine of '" + map.tableName() + "' got a heatmap cell of '"
                        + cell.tableName() + "' (" + cell.partitionKey() + " @" + cell.windowStart() + ")");
            }
            KeySketch sketch = readSketch(cell);
            KeyRange earlier = rangeBefore(cell.partitionKey(), cell.windowStart());
            if (earlier == null && heat.containsKey(cell.partitionKey())) {
                KeyRange taggedUnder = staleTagRange(cell.partitionKey(), sketch);
                if (taggedUnder == null) {
                    out.computeIfAbsent(cell.partitionKey(), id -> new Observed()).add(cell.accessCount(), sketch);
                } else {
                    spread(cell, taggedUnder, sketch, out);
                }
            } else if (earlier != null) {
                spread(cell, earlier, sketch, out);
            } else if (retired.containsKey(cell.partitionKey())) {
                spread(cell, retired.get(cell.partitionKey()), sketch, out);
            } else {
                unattributedAccesses += cell.accessCount();
            }
        }
        return out;
    }

    /**
     * The range {@code id} had at {@code t} if that is not its current one (it changed or retired
     * since); null when the id had its current range then, or the engine knows no earlier one.
     */
    private KeyRange rangeBefore(String id, Instant t) {
        List<PastRange> past = pastRanges == null ? null : pastRanges.get(id);
        if (past == null) {
            return null;
        }
        for (PastRange r : past) {
            if (t.isBefore(r.until())) {
                return r.range();
            }
        }
        return null;
    }

    /**
     * A tagger that had not seen the latest revision yet (the heatmap job picks revisions up with a
     * lag, and a backfill tags a whole stretch with one map) names an id whose range has changed
     * since: its sketch then holds keys outside the id's current range. Such a cell is spread, by
     * its sketch, over the hull of every range the id had; null when the cell fits the current range
     * (or there is no sketch to tell), so it counts for the id as it is.
     */
    private KeyRange staleTagRange(String id, KeySketch sketch) {
        List<PastRange> past = pastRanges == null ? null : pastRanges.get(id);
        if (past == null || sketch == null) {
            return null;
        }
        KeyRange current = heat.get(id).partition().range();
        KeySketchView view = sketch.view();
        if (view.totalWeight() == 0 || view.weightIn(current) == view.totalWeight()) {
            return null;
        }
        KeyRange hull = current;
        for (PastRange r : past) {
            hull = hull(hull, r.range());
        }
        return hull;
    }

    private static KeyRange hull(KeyRange a, KeyRange b) {
        Key start = a.start() == null || b.start() == null ? null
                : a.start().compareTo(b.start()) <= 0 ? a.start() : b.start();
        Key end = a.end() == null || b.end() == null ? null : a.end().compareTo(b.end()) >= 0 ? a.end() : b.end();
        return KeyRange.of(start, end);
    }

    /** A cell counted under {@code range} goes to the current partitions over that range, by its sketch. */
    private void spread(HeatmapCell cell, KeyRange range, KeySketch sketch, Map<String, Observed> out) {
        Map<Partition, Double> shares = CellSpread.shares(sketch == null ? null : sketch.view(), range, map.partitions());
        // each part keeps the whole sketch: PartitionHeat reads only the keys inside its range
        shares.forEach((p, share) -> out.computeIfAbsent(p.partitionKey(), id -> new Observed())
                .add(share * cell.accessCount(), sketch));
    }

    private KeySketch readSketch(HeatmapCell cell) {
        byte[] bytes = cell.keySketch();
        if (bytes.length == 0) {
            return null;
        }
        try {
            return KeySketch.fromBytes(map.keyType(), bytes);
        } catch (IllegalArgumentException e) {
            unreadableSketches++;
            return null;
        }
    }

    private void reconcile(PartitionMap next, long interval) {
        Map<String, PartitionHeat> nextHeat = new LinkedHashMap<>();
        for (Partition p : next.partitions()) {
            PartitionHeat same = heat.get(p.partitionKey());
            if (same != null && same.partition().equals(p)) {
                nextHeat.put(p.partitionKey(), same);
                continue;
            }
            List<PartitionHeat.Portion> portions = heat.values().stream()
                    .filter(old -> old.partition().range().overlaps(p.range()))
                    .map(old -> new PartitionHeat.Portion(old, fractionOf(old, p.range(), next)))
                    .toList();
            nextHeat.put(p.partitionKey(), PartitionHeat.inherit(p, next.keyType(), interval, portions));
        }
        if (pastRanges == null) {
            pastRanges = new LinkedHashMap<>();
        }
        for (PartitionHeat old : heat.values()) {
            PartitionHeat now = nextHeat.get(old.partitionKey());
            if (now == null) {
                retired.put(old.partitionKey(), old.partition().range());
            }
            if (now == null || !now.partition().range().equals(old.partition().range())) {
                pastRanges.computeIfAbsent(old.partitionKey(), id -> new ArrayList<>())
                        .add(new PastRange(next.validFrom(), old.partition().range()));
            }
        }
        for (Iterator<String> it = retired.keySet().iterator(); retired.size() > MAX_RETIRED; ) {
            it.next();
            it.remove();
        }
        for (Iterator<String> it = pastRanges.keySet().iterator(); pastRanges.size() > MAX_RETIRED; ) {
            it.next();
            it.remove();
        }
        map = next;
        heat = nextHeat;
    }

    /**
     * The part of {@code old}'s heat that falls into {@code range}: all of it if its range lies
     * inside, else its sketch's share there; without a sketch, its share of the key width, or an
     * even share among the new partitions it overlaps.
     */
    private static double fractionOf(PartitionHeat old, KeyRange range, PartitionMap next) {
        KeyRange r = old.partition().range();
        if (inside(r, range)) {
            return 1;
        }
        double bySketch = old.sketchShareIn(range);
        if (!Double.isNaN(bySketch)) {
            return bySketch;
        }
        if (r.start() instanceof LongKey s && r.end() instanceof LongKey e) {
            long lo = range.start() instanceof LongKey rs ? Math.max(s.value(), rs.value()) : s.value();
            long hi = range.end() instanceof LongKey re ? Math.min(e.value(), re.value()) : e.value();
            return Math.max(0, ((double) hi - lo) / ((double) e.value() - s.value()));
        }
        long overlapping = next.partitions().stream().filter(p -> p.range().overlaps(r)).count();
        return 1.0 / Math.max(1, overlapping);
    }

    private static boolean inside(KeyRange inner, KeyRange outer) {
        boolean startOk = outer.start() == null || (inner.start() != null && outer.start().compareTo(inner.start()) <= 0);
        boolean endOk = outer.end() == null || (inner.end() != null && inner.end().compareTo(outer.end()) <= 0);
        return startOk && endOk;
    }
}
