package dev.thermocline.changelog;

import dev.thermocline.flink.format.SourceRecord;
import dev.thermocline.flink.kafka.KafkaSettings;
import dev.thermocline.flink.kafka.SourceRecordDeserializer;
import dev.thermocline.testing.CheckpointedEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Environments, sources and topic readers shared by the job ITCases. */
public final class TestJobs {

    public static final int PARALLELISM = 2;

    private TestJobs() {}

    /** RocksDB, a checkpoint every 300 ms; {@code restarts} false = the first failure fails the job. */
    public static StreamExecutionEnvironment environment(Path checkpoints, boolean restarts) {
        Configuration config = CheckpointedEnvironment.configuration(checkpoints, Duration.ofMillis(300));
        if (!restarts) {
            config.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        }
        config.set(CoreOptions.DEFAULT_PARALLELISM, PARALLELISM);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(PARALLELISM);
        return env;
    }

    public static KafkaSettings kafka(String bootstrapServers, String topic, String deadLetters) {
        return KafkaSettings.builder()
                .bootstrapServers(bootstrapServers)
                .groupId("it-" + topic)
                .topics(new KafkaSettings.Topics("unused-access", List.of(topic), deadLetters))
                .build();
    }

    /** The topic from the start to the offsets it has now: a job on it ends by itself. */
    public static KafkaSource<SourceRecord> boundedSource(String bootstrapServers, String topic) {
        return KafkaSource.<SourceRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId("it-bounded-" + topic)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new SourceRecordDeserializer())
                .build();
    }

    /** Every record value of {@code topic} (all partitions), read from the start until none arrives for a second. */
    public static List<byte[]> readTopic(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
