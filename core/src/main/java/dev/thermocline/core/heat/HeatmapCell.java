package dev.thermocline.core.heat;

import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One heatmap cell: the accesses to one partition of one table in one window. Extends the seed's
 * {@code [timestamp, partition_key, access_count]}.
 *
 * @param windowStart inclusive
 * @param windowEnd exclusive, after {@code windowStart}
 * @param tableName the protected table
 * @param partitionKey the partition's id under the map in force for the access
 * @param accessCount all accesses, including those whose op is unspecified
 * @param readCount accesses marked read
 * @param writeCount accesses marked write; {@code read + write <= access}
 * @param columnCounts accesses per column (a column counts once per access that touched it)
 * @param keySketch a serialized key sketch of the accessed keys (format chosen by its writer); empty if none
 */
public record HeatmapCell(
        Instant windowStart,
        Instant windowEnd,
        String tableName,
        String partitionKey,
        long accessCount,
        long readCount,
        long writeCount,
        Map<String, Long> columnCounts,
        byte[] keySketch)
        implements Serializable {

    public HeatmapCell {
        Objects.requireNonNull(windowStart, "heatmap cell: windowStart is required");
        Objects.requireNonNull(windowEnd, "heatmap cell: windowEnd is required");
        if (!windowStart.isBefore(windowEnd)) {
            throw new IllegalArgumentException(
                    "heatmap cell window [" + windowStart + ", " + windowEnd + ") is empty: start must be before end");
        }
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException("heatmap cell: table name is required");
        }
        if (partitionKey == null || partitionKey.isBlank()) {
            throw new IllegalArgumentException("heatmap cell of '" + tableName + "': partition key is required");
        }
        String where = "heatmap cell " + tableName + "/" + partitionKey + " @" + windowStart;
        if (accessCount < 0 || readCount < 0 || writeCount < 0) {
            throw new IllegalArgumentException(where + ": counts must not be negative (access " + accessCount
                    + ", read " + readCount + ", write " + writeCount + ")");
        }
        if (readCount > accessCount - writeCount) {
            throw new IllegalArgumentException(where + ": read " + readCount + " + write " + writeCount
                    + " exceeds access " + accessCount);
        }
        TreeMap<String, Long> columns = new TreeMap<>();
        if (columnCounts != null) {
            columnCounts.forEach((column, count) -> {
                if (column == null || count == null || count < 0) {
                    throw new IllegalArgumentException(where + ": column count " + column + "=" + count + " is invalid");
                }
                columns.put(column, count);
            });
        }
        columnCounts = Collections.unmodifiableSortedMap(columns);
        keySketch = keySketch == null ? new byte[0] : keySketch.clone();
    }

    /** A copy of the sketch bytes (the record keeps its own). */
    @Override
    public byte[] keySketch() {
        return keySketch.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeatmapCell c
                && windowStart.equals(c.windowStart)
                && windowEnd.equals(c.windowEnd)
                && tableName.equals(c.tableName)
                && partitionKey.equals(c.partitionKey)
                && accessCount == c.accessCount
                && readCount == c.readCount
                && writeCount == c.writeCount
                && columnCounts.equals(c.columnCounts)
                && Arrays.equals(keySketch, c.keySketch);
    }

    @Override
    public int hashCode() {
        return Objects.hash(windowStart, windowEnd, tableName, partitionKey, accessCount, readCount, writeCount,
                columnCounts, Arrays.hashCode(keySketch));
    }

    @Override
    public String toString() {
        return "HeatmapCell[" + tableName + "/" + partitionKey + " [" + windowStart + ", " + windowEnd + ") access "
                + accessCount + " (r " + readCount + ", w " + writeCount + "), columns " + columnCounts + ", sketch "
                + keySketch.length + " bytes]";
    }
}
