package dev.thermocline.heatmap;

import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.embedded.EmbeddedKafka;
import dev.thermocline.flink.deadletter.DeadLetterJson;
import dev.thermocline.flink.format.SourceRecord;
import dev.thermocline.flink.kafka.SourceRecordDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producing the access log into a real broker and reading the dead-letter topic back. */
final class KafkaFixture {

    /** A record to send: to {@code partition} if given, else by key. {@code value} null is a tombstone. */
    record Outgoing(Integer partition, String key, byte[] value) {
        static Outgoing keyed(String key, byte[] value) {
            return new Outgoing(null, key, value);
        }
    }

    private KafkaFixture() {}

    /** Sends in order and waits for every acknowledgement; returns the end offset of each partition written. */
    static Map<TopicPartition, Long> produce(EmbeddedKafka kafka, String topic, List<Outgoing> records) throws Exception {
        Map<TopicPartition, Long> ends = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (Outgoing r : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, r.partition(), r.key(), r.value())));
            }
            for (Future<RecordMetadata> f : sent) {
                RecordMetadata m = f.get();
                ends.merge(new TopicPartition(topic, m.partition()), m.offset() + 1, Math::max);
            }
        }
        return ends;
    }

    /** The topic from its start to what it holds when the job starts: a bounded source. */
    static KafkaSource<SourceRecord> boundedSource(EmbeddedKafka kafka, String topic) {
        return KafkaSource.<SourceRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(topic)
                .setGroupId("heatmap-it-" + topic)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new SourceRecordDeserializer())
                .build();
    }

    /** The topic from its start up to the given end offsets (records produced later included). */
    static KafkaSource<SourceRecord> sourceUntil(EmbeddedKafka kafka, String topic, Map<TopicPartition, Long> ends) {
        return KafkaSource.<SourceRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(topic)
                .setGroupId("heatmap-it-" + topic)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.offsets(ends))
                .setDeserializer(new SourceRecordDeserializer())
                .build();
    }

    /** Every dead letter in {@code topic}. */
    static List<DeadLetter> deadLetters(EmbeddedKafka kafka, String topic) {
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    letters.add(DeadLetterJson.fromJson(r.value()));
                }
            }
        }
        return letters;
    }
}
