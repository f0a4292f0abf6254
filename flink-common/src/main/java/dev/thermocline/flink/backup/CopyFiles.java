package dev.thermocline.flink.backup;

import dev.thermocline.flink.iceberg.GenericRowsWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;

/**
 * Writes one copy's rows — already sorted by key — into data files of at most
 * {@code thermocline.backup.target-file-rows} rows each (a {@code backups} table property; the backup
 * job and anything laying out copies the same way use this). Each file then covers a
 * narrow, disjoint key interval, so the {@code key_long}/{@code key} lower/upper bounds Iceberg keeps
 * per file in the manifests are tight and a key-range scan (restore, the next backup's base read)
 * skips the files outside its range at planning, instead of reading the whole partition's copy.
 */
public final class CopyFiles {

    /** Table property of {@code backups}: the most rows one copy file holds. */
    public static final String TARGET_FILE_ROWS = "thermocline.backup.target-file-rows";

    /**
     * Rows, not bytes, so the split is exact and cheap; for rows of tens to hundreds of bytes that is
     * a few hundred KiB to a few MiB of Parquet: small next to a wide partition, large next to a footer.
     */
    public static final int DEFAULT_TARGET_FILE_ROWS = 10_000;

    private CopyFiles() {}

    /** The copy's files, in key order; nothing for an empty copy. */
    public static List<DataFile> write(Table backups, List<Record> sortedRows) {
        int perFile = targetRows(backups);
        List<DataFile> files = new ArrayList<>();
        for (int from = 0; from < sortedRows.size(); from += perFile) {
            files.addAll(GenericRowsWriter.write(backups,
                    sortedRows.subList(from, Math.min(sortedRows.size(), from + perFile))));
        }
        return files;
    }

    public static int targetRows(Table backups) {
        String value = backups.properties().get(TARGET_FILE_ROWS);
        if (value == null) {
            return DEFAULT_TARGET_FILE_ROWS;
        }
        try {
            int rows = Integer.parseInt(value.trim());
            if (rows > 0) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("table property " + TARGET_FILE_ROWS + " of " + backups.name()
                + " must be a positive number of rows, not '" + value + "'");
    }
}
