package dev.thermocline.restore;

import dev.thermocline.core.reconstruct.RowState;
import dev.thermocline.flink.iceberg.TableDefinition;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.util.SerializationUtil;

/**
 * Restored rows as an Iceberg table ({@code key, row, lsn, ts}, sorted by key), created — or, when
 * an earlier restore made it, replaced — in ONE catalog commit together with its data: the table
 * does not exist (or keeps its old content) until the restore succeeded. Workers write Parquet files
 * under the table's future location; a killed restore leaves only unreferenced files there. The
 * snapshot summary records the request, the as-of times and the source snapshots; the previous
 * content of a replaced table stays reachable by time travel.
 */
public final class IcebergTableOutput implements RestoreOutput {

    /** Marks tables a restore made, which a later restore may replace; names the source table. */
    public static final String RESTORED_FROM = "thermocline.restore.source-table";

    private final Catalog catalog;
    private final TableIdentifier id;
    private final String sourceTable;
    private Transaction transaction;

    public IcebergTableOutput(Catalog catalog, TableIdentifier id, String sourceTable) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is required");
        this.id = Objects.requireNonNull(id, "table identifier is required");
        this.sourceTable = Objects.requireNonNull(sourceTable, "source table is required");
    }

    @Override
    public UnitWriterFactory prepare(String runId) throws IOException {
        TableDefinition def = ThermoclineTables.restored(id.name());
        Map<String, String> properties = new java.util.HashMap<>(def.properties());
        properties.put(RESTORED_FROM, sourceTable);
        var builder = catalog.buildTable(id, def.schema()).withPartitionSpec(def.spec())
                .withSortOrder(def.sortOrder()).withProperties(properties);
        if (catalog.tableExists(id)) {
            Table existing = catalog.loadTable(id);
            if (!existing.properties().containsKey(RESTORED_FROM)) {
                throw new IOException("table " + id + " exists and was not made by a restore; choose another --into name");
            }
            transaction = builder.replaceTransaction();
        } else {
            transaction = builder.createTransaction();
        }
        Table staged = transaction.table();
        Schema schema = staged.schema();
        String dataDir = staged.locationProvider().newDataLocation("restore-" + runId);
        FileIO io = staged.io();
        return unit -> new ParquetPartWriter(io, schema, dataDir + String.format("-unit-%05d-%s.parquet", unit, UUID.randomUUID()));
    }

    @Override
    public void commit(List<String> parts, Map<String, String> summary) {
        AppendFiles append = transaction.newAppend();
        for (String part : parts) {
            append.appendFile(SerializationUtil.<DataFile>deserializeFromBase64(part));
        }
        summary.forEach(append::set);
        append.commit();
        transaction.commitTransaction();
    }

    @Override
    public void abort() {
        transaction = null; // nothing was committed; written files are unreferenced
    }

    @Override
    public String describe() {
        return "table " + id;
    }

    /** One unit's rows as one Parquet data file of the restored table. */
    private static final class ParquetPartWriter implements UnitWriter {
        private final FileIO io;
        private final String location;
        private final DataWriter<Record> writer;
        private final GenericRecord template;
        private boolean finished;

        ParquetPartWriter(FileIO io, Schema schema, String location) {
            this.io = io;
            this.location = location;
            this.template = GenericRecord.create(schema);
            this.writer = new GenericAppenderFactory(schema, PartitionSpec.unpartitioned()).newDataWriter(
                    EncryptedFiles.plainAsEncryptedOutput(io.newOutputFile(location)), FileFormat.PARQUET, null);
        }

        @Override
        public void write(RowState row) {
            GenericRecord r = template.copy();
            r.setField("key", row.key().text());
            r.setField("row", row.row());
            r.setField("lsn", row.position().lsn());
            r.setField("ts", OffsetDateTime.ofInstant(row.timestamp(), ZoneOffset.UTC));
            writer.write(r);
        }

        @Override
        public String finish() throws IOException {
            writer.close();
            finished = true;
            return SerializationUtil.serializeToBase64(writer.toDataFile());
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                writer.close();
                io.deleteFile(location);
            }
        }
    }
}
