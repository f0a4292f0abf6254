package dev.thermocline.flink.kafka;

import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.flink.deadletter.DeadLetterJson;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a dead letter as {@link DeadLetterJson} to the dead-letter topic, unkeyed: the value names
 * its source, and no consumer needs dead letters in order. Names its topic for Flink's lineage.
 */
public final class DeadLetterSerializer
        implements KafkaRecordSerializationSchema<DeadLetter>, KafkaDatasetFacetProvider {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final String job;

    /** @param job the rejecting job's name, written into each dead letter; may be null */
    public DeadLetterSerializer(String topic, String job) {
        this.topic = Objects.requireNonNull(topic, "dead-letter topic is required");
        this.job = job;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter deadLetter, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                timestamp,
                null,
                DeadLetterJson.toJson(deadLetter, job));
    }

    @Override
    public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
        return Optional.of(new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
    }
}
