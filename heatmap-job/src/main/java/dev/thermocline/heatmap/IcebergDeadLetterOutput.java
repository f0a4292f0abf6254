package dev.thermocline.heatmap;

import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.flink.iceberg.CheckpointCommitGuard;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.util.Objects;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.FlinkSink;

/** Dead letters into the Iceberg {@code dead_letters} table, exactly once like the heatmap. */
public final class IcebergDeadLetterOutput implements JobOutput<DeadLetter> {

    private final CatalogLoader catalog;
    private final TableIdentifier table;
    private final String job;

    /** @param job recorded in each row's {@code job} column */
    public IcebergDeadLetterOutput(CatalogLoader catalog, TableIdentifier table, String job) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is required.");
        this.table = Objects.requireNonNull(table, "table is required.");
        this.job = Objects.requireNonNull(job, "job is required.");
    }

    @Override
    public void attach(DataStream<DeadLetter> letters) {
        String jobName = job;
        DataStream<RowData> rows = letters
                .map(letter -> (RowData) GenericRowData.of(
                        StringData.fromString(letter.source()),
                        StringData.fromString(letter.reason()),
                        letter.raw(),
                        TimestampData.fromInstant(letter.receivedAt()),
                        StringData.fromString(jobName)))
                .returns(InternalTypeInfo.of(FlinkSchemaUtil.convert(ThermoclineTables.deadLetters().schema())))
                .name("dead-letter-rows").uid("dead-letter-rows");
        FlinkSink.forRowData(rows)
                .tableLoader(TableLoader.fromCatalog(CheckpointCommitGuard.guard(catalog), table))
                .uidPrefix("dead-letter-sink")
                .append();
    }
}
