package dev.thermocline.changelog;

import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.kafka.KafkaSettings;
import java.io.Serializable;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.FlinkSink;

/** Where a job's dead letters go: the dead-letter Kafka topic, or the {@code dead_letters} table. */
@FunctionalInterface
public interface DeadLetterOutput extends Serializable {

    void attach(DataStream<DeadLetter> deadLetters);

    /** The configured dead-letter topic, at least once ({@link KafkaSettings#deadLetterSink}). */
    static DeadLetterOutput kafka(KafkaSettings settings, String job) {
        return deadLetters -> deadLetters.sinkTo(settings.deadLetterSink(job)).name("dead-letters-kafka")
                .uid(job + "-dead-letters-kafka");
    }

    /** The {@code dead_letters} Iceberg table, exactly once: for file sources and runs without a broker. */
    static DeadLetterOutput iceberg(TableLoader deadLettersTable, String job) {
        return deadLetters -> FlinkSink.forRowData(deadLetters
                        .map(new ToRow(job), InternalTypeInfo.of(FlinkSchemaUtil.convert(ThermoclineTables.deadLetters().schema())))
                        .name("dead-letter-rows").uid(job + "-dead-letter-rows"))
                .tableLoader(deadLettersTable)
                .writeParallelism(1)
                .uidPrefix(job + "-dead-letters-iceberg")
                .append();
    }

    /** A dead letter as a {@code dead_letters} row: source, reason, raw, received_at, job. */
    final class ToRow implements MapFunction<DeadLetter, RowData> {
        private static final long serialVersionUID = 1L;
        private final String job;

        ToRow(String job) {
            this.job = job;
        }

        @Override
        public RowData map(DeadLetter d) {
            return GenericRowData.of(StringData.fromString(d.source()), StringData.fromString(d.reason()), d.raw(),
                    TimestampData.fromInstant(d.receivedAt()), StringData.fromString(job));
        }
    }
}
