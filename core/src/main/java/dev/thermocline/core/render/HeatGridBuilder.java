package dev.thermocline.core.render;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.heat.KeySketchView;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Resamples a table's heatmap cells onto the picture's grid. A cell's accesses are spread over its
 * partition's keys by its key sketch (or evenly when it has none) and over the time columns its
 * window overlaps. A cell's partition id is looked up in the revision in force during its window
 * (ids are never reused, but a split's left part keeps its id with a narrower range).
 *
 * <p>The key axis: for long keys linear over the smallest interval holding every boundary of the
 * revisions drawn, the declared key domain and every key the sketches saw; an open end partition
 * with nothing seen beyond the outermost boundary gets one mean partition width. For string keys,
 * see {@link SegmentKeyAxis}.
 */
public final class HeatGridBuilder {

    public static final int DEFAULT_MAX_COLUMNS = 960;
    public static final int DEFAULT_MAX_BANDS = 100;

    private final PartitionMapHistory history;
    private final KeyType keyType;
    private final Optional<KeyRange> declaredDomain;
    private final int maxColumns;
    private final int maxBands;

    /**
     * @param declaredDomain the table's configured key domain, if any: the linear key axis always covers it
     */
    public HeatGridBuilder(PartitionMapHistory history, KeyType keyType, Optional<KeyRange> declaredDomain,
                           int maxColumns, int maxBands) {
        this.history = Objects.requireNonNull(history, "partition map history is required");
        this.keyType = Objects.requireNonNull(keyType, "key type is required");
        this.declaredDomain = Objects.requireNonNull(declaredDomain, "declared domain is required (may be empty)");
        if (history.isEmpty()) {
            throw new IllegalArgumentException("table '" + history.tableName() + "' has no partition map to draw");
        }
        if (maxColumns < 1 || maxBands < 1) {
            throw new IllegalArgumentException("maxColumns " + maxColumns + " and maxBands " + maxBands + " must be positive");
        }
        this.maxColumns = maxColumns;
        this.maxBands = maxBands;
    }

    public HeatGridBuilder(PartitionMapHistory history, KeyType keyType, Optional<KeyRange> declaredDomain) {
        this(history, keyType, declaredDomain, DEFAULT_MAX_COLUMNS, DEFAULT_MAX_BANDS);
    }

    /**
     * @param from the picture's start, or empty for the oldest cell's window start
     * @param to the picture's end, or empty for the newest cell's window end
     * @throws IllegalArgumentException when a bound is missing and there is no cell to take it from
     */
    public HeatGrid build(CellSource source, Optional<Instant> from, Optional<Instant> to) {
        String table = history.tableName();
        Extents extents = new Extents();
        source.forEach(cell -> {
            if (belongs(cell, table, from, to)) {
                extents.add(cell, keyType);
            }
        });
        if (extents.cells == 0 && (from.isEmpty() || to.isEmpty())) {
            throw new IllegalArgumentException("the heatmap has no cells of table '" + table + "'"
                    + from.map(f -> " from " + f).orElse("") + to.map(t -> " to " + t).orElse("")
                    + ": nothing to draw (the heatmap job writes them)");
        }
        Instant start = from.orElse(extents.firstStart);
        Instant end = to.orElse(extents.lastEnd);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("the picture's span [" + start + ", " + end + ") of '" + table + "' is empty");
        }
        TimeAxis time = TimeAxis.fromWindowEdges(start, end, extents.windowEdges, maxColumns);
        List<RevisionSpan> revisions = revisionsIn(start, end);
        KeyAxis keys = keyAxis(revisions, extents);

        Accumulator acc = new Accumulator(time, keys);
        source.forEach(cell -> {
            if (belongs(cell, table, Optional.of(start), Optional.of(end))) {
                acc.add(cell, partitionOf(cell));
            }
        });
        return acc.grid(table, revisions);
    }

    private static boolean belongs(HeatmapCell cell, String table, Optional<Instant> from, Optional<Instant> to) {
        return cell.tableName().equals(table)
                && from.map(cell.windowEnd()::isAfter).orElse(true)
                && to.map(cell.windowStart()::isBefore).orElse(true);
    }

    /** The revisions in force at some time in [from, to), each with that part of the span. */
    List<RevisionSpan> revisionsIn(Instant from, Instant to) {
        List<PartitionMap> maps = history.revisions();
        List<RevisionSpan> spans = new ArrayList<>();
        for (int i = 0; i < maps.size(); i++) {
            Instant validFrom = maps.get(i).validFrom();
            Instant validTo = i + 1 < maps.size() ? maps.get(i + 1).validFrom() : to;
            if (validFrom.isBefore(to) && validTo.isAfter(from) && validFrom.isBefore(validTo)) {
                spans.add(new RevisionSpan(maps.get(i), validFrom.isAfter(from) ? validFrom : from,
                        validTo.isBefore(to) ? validTo : to));
            }
        }
        return spans;
    }

    private KeyAxis keyAxis(List<RevisionSpan> revisions, Extents extents) {
        TreeSet<Key> boundaries = new TreeSet<>();
        for (RevisionSpan span : revisions) {
            for (Partition p : span.map().partitions()) {
                if (p.range().start() != null) {
                    boundaries.add(p.range().start());
                }
            }
        }
        if (keyType == KeyType.STRING) {
            return new SegmentKeyAxis(boundaries);
        }
        return linearAxis(boundaries.stream().map(k -> ((LongKey) k).value()).toList(), extents);
    }

    private LinearKeyAxis linearAxis(List<Long> boundaries, Extents extents) {
        List<Long> seen = new ArrayList<>(boundaries);
        declaredDomain.ifPresent(d -> {
            if (d.start() instanceof LongKey lo) {
                seen.add(lo.value());
            }
            if (d.end() instanceof LongKey hi) {
                seen.add(hi.value());
            }
        });
        if (extents.minKey != null) {
            seen.add(extents.minKey);
            seen.add(extents.maxKey + 1); // the axis is half-open
        }
        if (seen.isEmpty()) {
            return LinearKeyAxis.covering(0, maxBands, maxBands);
        }
        long low = seen.stream().min(Long::compare).orElseThrow();
        long high = seen.stream().max(Long::compare).orElseThrow();
        long pad = boundaries.size() < 2 ? Math.max(1, (high - low) / 4)
                : Math.max(1, (boundaries.get(boundaries.size() - 1) - boundaries.get(0)) / (boundaries.size() - 1));
        if (!boundaries.isEmpty() && low == boundaries.get(0)) {
            low -= pad; // the open-below partition would have no width
        }
        if (!boundaries.isEmpty() && high == boundaries.get(boundaries.size() - 1)) {
            high += pad;
        }
        if (high <= low) {
            high = low + 1;
        }
        return LinearKeyAxis.covering(low, high, maxBands);
    }

    /** The partition a cell counted, from the newest revision in force during its window that has it. */
    private Optional<PartitionOf> partitionOf(HeatmapCell cell) {
        PartitionOf fallback = null;
        List<PartitionMap> maps = history.revisions();
        for (int i = maps.size() - 1; i >= 0; i--) {
            PartitionMap map = maps.get(i);
            Optional<Partition> p = map.partition(cell.partitionKey());
            if (p.isEmpty()) {
                continue;
            }
            PartitionOf found = new PartitionOf(map.revision(), p.get());
            if (map.validFrom().isBefore(cell.windowEnd())) {
                return Optional.of(found);
            }
            fallback = found; // only revisions after the window have it: take the oldest of those
        }
        return Optional.ofNullable(fallback);
    }

    record PartitionOf(long revision, Partition partition) {}

    /** What the first pass learns: the window edges, the time span and the keys the sketches saw. */
    private static final class Extents {
        final TreeSet<Instant> windowEdges = new TreeSet<>();
        Instant firstStart;
        Instant lastEnd;
        Long minKey;
        Long maxKey;
        long cells;

        void add(HeatmapCell cell, KeyType keyType) {
            cells++;
            windowEdges.add(cell.windowStart());
            windowEdges.add(cell.windowEnd());
            firstStart = firstStart == null || cell.windowStart().isBefore(firstStart) ? cell.windowStart() : firstStart;
            lastEnd = lastEnd == null || cell.windowEnd().isAfter(lastEnd) ? cell.windowEnd() : lastEnd;
            KeySketchView view = sketchOf(cell, keyType);
            if (keyType == KeyType.LONG && view != null && view.size() > 0) {
                long lo = ((LongKey) view.key(0)).value();
                long hi = ((LongKey) view.key(view.size() - 1)).value();
                minKey = minKey == null ? lo : Math.min(minKey, lo);
                maxKey = maxKey == null ? hi : Math.max(maxKey, hi);
            }
        }
    }

    static KeySketchView sketchOf(HeatmapCell cell, KeyType keyType) {
        byte[] bytes = cell.keySketch();
        if (bytes.length == 0) {
            return null;
        }
        try {
            return KeySketch.fromBytes(keyType, bytes).view();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("heatmap cell " + cell.tableName() + "/" + cell.partitionKey() + " @"
                    + cell.windowStart() + ": " + e.getMessage(), e);
        }
    }

    /** The second pass: adds each cell's accesses into the grid. */
    private final class Accumulator {
        final TimeAxis time;
        final KeyAxis keys;
        final double[][] values;
        final boolean[] covered;
        final List<Map<String, PartitionShare>> partitions = new ArrayList<>();
        final TreeSet<String> unknown = new TreeSet<>();
        long cells;

        Accumulator(TimeAxis time, KeyAxis keys) {
            this.time = time;
            this.keys = keys;
            this.values = new double[time.columns()][keys.bands()];
            this.covered = new boolean[time.columns()];
            for (int c = 0; c < time.columns(); c++) {
                partitions.add(new LinkedHashMap<>());
            }
        }

        void add(HeatmapCell cell, Optional<PartitionOf> partition) {
            if (partition.isEmpty()) {
                unknown.add(cell.partitionKey());
                return;
            }
            cells++;
            KeyRange range = partition.get().partition().range();
            double[] shares = keys.spread(range, sketchOf(cell, keyType));
            double[] extent = keys.uniform(range);
            for (int c = time.firstColumnEndingAfter(cell.windowStart());
                    c < time.columns() && time.columnStart(c).isBefore(cell.windowEnd()); c++) {
                double share = time.share(c, cell.windowStart(), cell.windowEnd());
                if (share <= 0) {
                    continue;
                }
                covered[c] = true;
                for (int b = 0; b < shares.length; b++) {
                    values[c][b] += cell.accessCount() * share * shares[b];
                }
                partitions.get(c).merge(cell.partitionKey(),
                        new PartitionShare(cell.partitionKey(), partition.get().revision(), range,
                                firstNonZero(extent), lastNonZero(extent), 0, 0, 0)
                                .plus(cell.accessCount() * share, cell.readCount() * share, cell.writeCount() * share),
                        (a, b) -> a.plus(b.accesses(), b.reads(), b.writes()));
            }
        }

        HeatGrid grid(String table, List<RevisionSpan> revisions) {
            List<Map<String, PartitionShare>> sorted = partitions.stream()
                    .map(m -> m.values().stream()
                            .sorted(Comparator.comparingInt(PartitionShare::firstBand).thenComparing(PartitionShare::partitionKey))
                            .collect(Collectors.toMap(PartitionShare::partitionKey, s -> s, (a, b) -> a, LinkedHashMap::new)))
                    .map(m -> (Map<String, PartitionShare>) m)
                    .toList();
            return new HeatGrid(table, time, keys, values, covered, sorted, revisions, cells, List.copyOf(unknown));
        }
    }

    private static int firstNonZero(double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] > 0) {
                return i;
            }
        }
        return 0;
    }

    private static int lastNonZero(double[] a) {
        for (int i = a.length - 1; i >= 0; i--) {
            if (a[i] > 0) {
                return i;
            }
        }
        return a.length - 1;
    }
}
