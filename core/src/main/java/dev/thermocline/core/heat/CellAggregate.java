package dev.thermocline.core.heat;

import dev.thermocline.core.access.AccessOp;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The running heat of one cell: access, read and write counts, per-column counts and a
 * {@link KeySketch} of the accessed keys. Mergeable, so the same arithmetic serves the heatmap job's
 * pre-aggregation, its windows and the roll-up of fine cells into coarse ones: merging the
 * aggregates of any split of the accesses gives the aggregate of all of them (the sketch within its
 * rank error).
 *
 * <p>Mutable and not thread-safe: one owner at a time.
 */
public final class CellAggregate {

    private final KeyType keyType;
    private long accessCount;
    private long readCount;
    private long writeCount;
    /** long[1] per column: counting must not box on the hot path. */
    private final HashMap<String, long[]> columnCounts = new HashMap<>();
    private final KeySketch keys;

    private CellAggregate(KeyType keyType, KeySketch keys) {
        this.keyType = keyType;
        this.keys = keys;
    }

    /** Nothing counted yet. */
    public static CellAggregate empty(KeyType keyType) {
        Objects.requireNonNull(keyType, "cell aggregate: key type is required");
        return new CellAggregate(keyType, KeySketch.create(keyType));
    }

    /**
     * An aggregate holding what a stored cell counted.
     *
     * @param sketch the cell's {@link KeySketch#toBytes()} bytes; empty when it has none
     * @throws IllegalArgumentException when the sketch is not a sketch of {@code keyType} keys
     */
    public static CellAggregate of(KeyType keyType, long accessCount, long readCount, long writeCount,
                                   Map<String, Long> columnCounts, byte[] sketch) {
        Objects.requireNonNull(keyType, "cell aggregate: key type is required");
        if (accessCount < 0 || readCount < 0 || writeCount < 0 || readCount + writeCount > accessCount) {
            throw new IllegalArgumentException("cell aggregate: counts access " + accessCount + ", read " + readCount
                    + ", write " + writeCount + " are inconsistent");
        }
        CellAggregate aggregate = new CellAggregate(keyType, KeySketch.fromBytes(keyType, sketch == null ? new byte[0] : sketch));
        aggregate.accessCount = accessCount;
        aggregate.readCount = readCount;
        aggregate.writeCount = writeCount;
        if (columnCounts != null) {
            columnCounts.forEach((column, count) -> aggregate.addColumn(column, count));
        }
        return aggregate;
    }

    /** What {@code cell} counted; its sketch must be one of {@code keyType} keys. */
    public static CellAggregate of(HeatmapCell cell, KeyType keyType) {
        return of(keyType, cell.accessCount(), cell.readCount(), cell.writeCount(), cell.columnCounts(), cell.keySketch());
    }

    /**
     * Counts one access.
     *
     * @param columns the accessed columns; a column listed twice in one access counts once
     */
    public void add(Key key, AccessOp op, List<String> columns) {
        keys.update(key);
        accessCount++;
        if (op == AccessOp.READ) {
            readCount++;
        } else if (op == AccessOp.WRITE) {
            writeCount++;
        }
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            if (!listedBefore(columns, i, column)) {
                columnCounts.computeIfAbsent(column, c -> new long[1])[0]++;
            }
        }
    }

    private static boolean listedBefore(List<String> columns, int index, String column) {
        for (int j = 0; j < index; j++) {
            if (columns.get(j).equals(column)) {
                return true;
            }
        }
        return false;
    }

    /** Adds everything {@code other} counted ({@code other} is unchanged). */
    public void merge(CellAggregate other) {
        Objects.requireNonNull(other, "cell aggregate to merge is required");
        if (other.keyType != keyType) {
            throw new IllegalArgumentException("cell aggregate of " + keyType.configName() + " keys cannot merge one of "
                    + other.keyType.configName() + " keys");
        }
        accessCount += other.accessCount;
        readCount += other.readCount;
        writeCount += other.writeCount;
        other.columnCounts.forEach((column, count) -> addColumn(column, count[0]));
        keys.merge(other.keys);
    }

    private void addColumn(String column, long count) {
        if (column == null || count < 0) {
            throw new IllegalArgumentException("cell aggregate: column count " + column + "=" + count + " is invalid");
        }
        columnCounts.computeIfAbsent(column, c -> new long[1])[0] += count;
    }

    /** The cell of this aggregate in window [{@code start}, {@code end}) of one partition. */
    public HeatmapCell toCell(Instant start, Instant end, String tableName, String partitionKey) {
        return new HeatmapCell(start, end, tableName, partitionKey, accessCount, readCount, writeCount,
                columnCounts(), keySketchBytes());
    }

    public KeyType keyType() {
        return keyType;
    }

    public long accessCount() {
        return accessCount;
    }

    public long readCount() {
        return readCount;
    }

    public long writeCount() {
        return writeCount;
    }

    public boolean isEmpty() {
        return accessCount == 0;
    }

    /** Accesses per column, sorted by column. */
    public Map<String, Long> columnCounts() {
        TreeMap<String, Long> copy = new TreeMap<>();
        columnCounts.forEach((column, count) -> copy.put(column, count[0]));
        return copy;
    }

    /** The key sketch's byte form ({@link KeySketch#toBytes()}). */
    public byte[] keySketchBytes() {
        return keys.toBytes();
    }

    /** A copy of the key sketch. */
    public KeySketch keySketch() {
        return keys.copy();
    }

    @Override
    public String toString() {
        return "CellAggregate[access " + accessCount + " (r " + readCount + ", w " + writeCount + "), columns "
                + columnCounts() + ", " + keys + "]";
    }
}
