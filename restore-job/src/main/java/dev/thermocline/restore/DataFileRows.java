package dev.thermocline.restore;

import dev.thermocline.core.restore.RestoreException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.parquet.Parquet;

/**
 * Reads every row of one Parquet data file and checks the count against the metadata's promise:
 * a missing, unreadable or short file fails the restore loudly instead of yielding a partial result.
 * Whole files, no row filter, so the count is comparable; callers select the rows they need.
 */
final class DataFileRows {

    private DataFileRows() {}

    /** @return rows read (always {@code file.records()} when it returns) */
    static long read(FileIO io, PlannedFile file, Schema projection, String what, AtomicLong bytesRead,
                     Consumer<Record> rows) {
        long count = 0;
        try (CloseableIterable<Record> records = Parquet.read(new CountingInputFile(io.newInputFile(file.location()), bytesRead))
                .project(projection)
                .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(projection, fileSchema))
                .reuseContainers() // callers copy what they keep out of each record
                .build()) {
            for (Record r : records) {
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
