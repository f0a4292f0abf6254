package dev.thermocline.flink.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * Writes a small batch of generic records into data files of a table, one file per partition,
 * without committing them: the caller commits the files in whatever operation it needs (append
 * with conflict validation, overwrite, …). For metadata-sized tables (partition maps, split
 * requests); bulk data goes through Flink sinks.
 */
public final class GenericRowsWriter {

    private GenericRowsWriter() {}

    public static List<DataFile> write(Table table, List<Record> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
        Map<PartitionKey, List<Record>> byPartition = new LinkedHashMap<>();
        for (Record r : records) {
            PartitionKey key = new PartitionKey(table.spec(), table.schema());
            key.partition(wrapper.wrap(r));
            byPartition.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        GenericAppenderFactory appenders = new GenericAppenderFactory(table.schema(), table.spec());
        OutputFileFactory files = OutputFileFactory.builderFor(table, 1, System.nanoTime())
                .format(FileFormat.PARQUET)
                .build();
        List<DataFile> written = new ArrayList<>();
        for (Map.Entry<PartitionKey, List<Record>> e : byPartition.entrySet()) {
            EncryptedOutputFile out = table.spec().isUnpartitioned()
                    ? files.newOutputFile()
                    : files.newOutputFile(table.spec(), e.getKey());
            DataWriter<Record> writer = appenders.newDataWriter(out, FileFormat.PARQUET,
                    table.spec().isUnpartitioned() ? null : e.getKey());
            try (writer) {
                e.getValue().forEach(writer::write);
            } catch (IOException ex) {
                throw new UncheckedIOException("writing to " + table.name() + " failed", ex);
            }
            written.add(writer.toDataFile());
        }
        return written;
    }
}
