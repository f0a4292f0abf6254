package dev.thermocline.flink.kafka;

import dev.thermocline.flink.format.SourceRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Keeps each Kafka value raw, with its topic, partition, offset and timestamp: parsing happens
 * later in a {@code ParseFunction}, where a bad record becomes a dead letter instead of failing the
 * source. Tombstones pass through with a null value.
 */
public final class SourceRecordDeserializer implements KafkaRecordDeserializationSchema<SourceRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceRecord> out) {
        out.collect(SourceRecord.ofKafka(
                record.value(), record.topic(), record.partition(), record.offset(), record.timestamp()));
    }

    @Override
    public TypeInformation<SourceRecord> getProducedType() {
        return SourceRecord.typeInfo();
    }
}
