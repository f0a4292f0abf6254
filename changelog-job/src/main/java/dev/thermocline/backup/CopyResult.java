package dev.thermocline.backup;

import java.util.Arrays;
import java.util.Objects;

/**
 * What building one copy produced: its uncommitted data files (Java-serialized Iceberg
 * {@code DataFile}s: the commit happens once, at the end of the run), its row count and the
 * highest position it includes. A record of plain fields, so Flink ships it with its POJO serializer.
 *
 * @param job the index of the {@link CopyJob}
 * @param dataFiles the serialized {@code List<DataFile>}
 * @param rows live rows in the copy
 * @param cutoffLsn the highest position included
 */
public record CopyResult(int job, byte[] dataFiles, long rows, long cutoffLsn) {

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyResult r && job == r.job && Arrays.equals(dataFiles, r.dataFiles) && rows == r.rows
                && cutoffLsn == r.cutoffLsn;
    }

    @Override
    public int hashCode() {
        return Objects.hash(job, Arrays.hashCode(dataFiles), rows, cutoffLsn);
    }

    @Override
    public String toString() {
        return "CopyResult[job " + job + ", " + rows + " rows, lsn " + cutoffLsn + "]";
    }
}
