package dev.thermocline.repartition;

import dev.thermocline.core.heat.HeatmapCell;
import java.time.Instant;
import java.util.Map;

/**
 * What the planner needs of one heatmap cell, as a Flink POJO (public fields, no Kryo): the table and
 * partition, the window in epoch millis, the access count and the key sketch bytes.
 */
public class HeatSample {

    public String tableName;
    public String partitionKey;
    public long windowStart;
    public long windowEnd;
    public long accessCount;
    public byte[] keySketch;

    public HeatSample() {}

    public static HeatSample of(HeatmapCell cell) {
        HeatSample s = new HeatSample();
        s.tableName = cell.tableName();
        s.partitionKey = cell.partitionKey();
        s.windowStart = cell.windowStart().toEpochMilli();
        s.windowEnd = cell.windowEnd().toEpochMilli();
        s.accessCount = cell.accessCount();
        s.keySketch = cell.keySketch();
        return s;
    }

    /** The engine's cell; read and write counts are not needed for planning and stay 0. */
    public HeatmapCell toCell() {
        return new HeatmapCell(Instant.ofEpochMilli(windowStart), Instant.ofEpochMilli(windowEnd), tableName,
                partitionKey, accessCount, 0, 0, Map.of(), keySketch);
    }

    @Override
    public String toString() {
        return "HeatSample[" + tableName + "/" + partitionKey + " [" + Instant.ofEpochMilli(windowStart) + ", "
                + Instant.ofEpochMilli(windowEnd) + ") " + accessCount + "]";
    }
}
