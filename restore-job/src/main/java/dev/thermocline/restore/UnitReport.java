package dev.thermocline.restore;

/**
 * What a worker tells the client about one unit: progress while it runs ({@code done == false}),
 * then once at the end with its output. A Flink POJO (public fields, no-arg constructor).
 */
public class UnitReport {
    public int unit;
    public boolean done;
    /** The unit's output: a JSON-lines part file, or an Iceberg data file (serialized); null until done. */
    public String output;
    public long rows;
    public long baseBytes;
    public long changeBytes;
    public long baseFiles;
    public long changeFiles;
    public long baseRowsRead;
    public long changesRead;
    public long changesReplayed;
    public long baseNanos;
    public long replayNanos;
    /** CPU time of the base reading and of the replay: throughput per core on a shared machine. */
    public long baseCpuNanos;
    public long replayCpuNanos;
    public long elapsedNanos;

    public UnitReport() {}

    public long bytesRead() {
        return baseBytes + changeBytes;
    }

    @Override
    public String toString() {
        return "unit " + unit + (done ? " done" : " running") + ": " + rows + " rows, " + bytesRead() + " bytes read";
    }
}
