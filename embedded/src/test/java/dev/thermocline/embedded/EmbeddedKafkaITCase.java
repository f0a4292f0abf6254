package dev.thermocline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaITCase {

    @Test
    void recordsProducedToATopicAreConsumedBackInOrder() throws Exception {
        Path dataDir;
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            dataDir = kafka.dataDir();
            kafka.createTopic("greetings", 2);
            kafka.createTopic("greetings", 2); // idempotent

            List<String> sent = IntStream.range(0, 50).mapToObj(i -> "hello-" + i).toList();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                for (String value : sent) {
                    producer.send(new ProducerRecord<>("greetings", "same-key", value)).get();
                }
            }

            List<String> received = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                consumer.subscribe(List.of("greetings"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (received.size() < sent.size() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        received.add(record.value());
                    }
                }
            }
            // One key → one partition → the broker must keep the send order.
            assertThat(received).containsExactlyElementsOf(sent);
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void givenDataDirSurvivesARestartWithItsTopics(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("kafka");
        try (EmbeddedKafka kafka = new EmbeddedKafka(dataDir, Map.of()).start()) {
            kafka.createTopic("kept", 3);
        }
        assertThat(Files.exists(dataDir.resolve("meta.properties"))).isTrue();
        try (EmbeddedKafka kafka = new EmbeddedKafka(dataDir, Map.of()).start();
             org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                     Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of("kept")).allTopicNames().get().get("kept").partitions()).hasSize(3);
        }
    }

    @Test
    void bootstrapServersBeforeStartIsAnError() {
        try (EmbeddedKafka kafka = new EmbeddedKafka()) {
            assertThatThrownBy(kafka::bootstrapServers).hasMessageContaining("not started");
            assertThatThrownBy(() -> kafka.createTopic("x", 0)).hasMessageContaining("'x'");
        }
    }
}
