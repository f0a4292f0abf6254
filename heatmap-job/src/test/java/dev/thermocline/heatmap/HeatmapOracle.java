package dev.thermocline.heatmap;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The heatmap an independent count of the accesses gives: per (window, table, partition), with the
 * partition taken from the partition-map history at each access's time. A plain loop over the input,
 * sharing nothing with the job but the map's definition of "the partition that holds a key".
 */
final class HeatmapOracle {

    /** What a cell should hold (the sketch aside). */
    record Expected(long access, long read, long write, Map<String, Long> columns) {
        static Expected of(HeatmapCell cell) {
            return new Expected(cell.accessCount(), cell.readCount(), cell.writeCount(), new TreeMap<>(cell.columnCounts()));
        }
    }

    /** A cell's coordinates. */
    record Coordinates(Instant windowStart, String table, String partition) {
        static Coordinates of(HeatmapCell cell) {
            return new Coordinates(cell.windowStart(), cell.tableName(), cell.partitionKey());
        }
    }

    private HeatmapOracle() {}

    static Map<Coordinates, Expected> count(Collection<Access> accesses, PartitionMapHistory history, Duration window) {
        Map<Coordinates, long[]> counts = new HashMap<>();
        Map<Coordinates, Map<String, Long>> columns = new HashMap<>();
        long width = window.toMillis();
        for (Access a : accesses) {
            PartitionMap map = history.mapAt(a.timestamp()).orElseThrow();
            String partition = map.partitionFor(Key.of(a.key())).partitionKey();
            Instant start = Instant.ofEpochMilli(Math.floorDiv(a.timestamp().toEpochMilli(), width) * width);
            Coordinates at = new Coordinates(start, a.table(), partition);
            long[] c = counts.computeIfAbsent(at, k -> new long[3]);
            c[0]++;
            if (a.op().equals("read")) {
                c[1]++;
            } else if (a.op().equals("write")) {
                c[2]++;
            }
            Map<String, Long> cols = columns.computeIfAbsent(at, k -> new TreeMap<>());
            a.columns().stream().distinct().forEach(col -> cols.merge(col, 1L, Long::sum));
        }
        Map<Coordinates, Expected> expected = new HashMap<>();
        counts.forEach((at, c) -> expected.put(at, new Expected(c[0], c[1], c[2], columns.get(at))));
        return expected;
    }

    static Map<Coordinates, Expected> of(Collection<HeatmapCell> cells) {
        Map<Coordinates, Expected> actual = new HashMap<>();
        for (HeatmapCell cell : cells) {
            if (actual.put(Coordinates.of(cell), Expected.of(cell)) != null) {
                throw new AssertionError("cell " + Coordinates.of(cell) + " was written more than once");
            }
        }
        return actual;
    }
}
