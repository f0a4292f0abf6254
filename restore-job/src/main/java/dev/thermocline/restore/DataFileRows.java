package dev.thermocline.restore;

import dev.thermocline.core.restore.RestoreException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.iceberg.Schema;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.flink.data.FlinkParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.parquet.Parquet;

/**
 * Reads every row of one Parquet data file and checks the count against the metadata's promise:
 * a missing, unreadable or short file fails the restore loudly instead of yielding a partial result.
 * Whole files, no row filter, so the count is comparable; callers select the rows they need.
 * Rows come as Flink {@link RowData} from Iceberg's Flink reader: timestamps as plain numbers and
 * strings as their bytes, where Iceberg's generic reader built an {@code OffsetDateTime} and a
 * {@code String} per value (its date arithmetic was the top of the restore's profile).
 */
final class DataFileRows {

    private DataFileRows() {}

    /** @return rows read (always {@code file.records()} when it returns) */
    static long read(FileIO io, PlannedFile file, Schema projection, String what, AtomicLong bytesRead,
                     Consumer<RowData> rows) {
        long count = 0;
        try (CloseableIterable<RowData> records = Parquet.read(new CountingInputFile(io.newInputFile(file.location()), bytesRead))
                .project(projection)
                .createReaderFunc(fileSchema -> FlinkParquetReaders.buildReader(projection, fileSchema))
                .reuseContainers() // callers copy what they keep out of each row
                .build()) {
            for (RowData r : records) {
                rows.accept(r);
                count++;
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RestoreException re) {
                throw re;
            }
            throw new RestoreException(what + " data file " + file.location() + " is missing or unreadable: "
                    + firstLine(e), e);
        }
        if (count != file.records()) {
            throw new RestoreException(what + " data file " + file.location() + " holds " + count
                    + " rows but its metadata promises " + file.records());
        }
        return count;
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
