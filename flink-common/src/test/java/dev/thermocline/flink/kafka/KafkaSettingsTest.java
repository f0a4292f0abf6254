package dev.thermocline.flink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.flink.deadletter.DeadLetterJson;
import dev.thermocline.flink.format.SourceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.lineage.LineageDataset;
import org.apache.flink.streaming.api.lineage.LineageVertex;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    private static final Map<String, String> SECURITY = Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
            "ssl.truststore.location", "/etc/kafka/truststore.jks",
            "max.poll.records", "2000");

    private final KafkaSettings settings = KafkaSettings.builder()
            .bootstrapServers("b1:9093,b2:9093")
            .properties(SECURITY)
            .groupId("thermocline-prod")
            .topics(new KafkaSettings.Topics("access-log", List.of("cdc.orders", "cdc.accounts"), "dlq"))
            .build();

    @Test
    void clientPropertiesAreThePassThroughPlusBootstrapServers() {
        Properties props = settings.clientProperties();

        SECURITY.forEach((k, v) -> assertThat(props.getProperty(k)).as(k).isEqualTo(v));
        assertThat(props.getProperty("bootstrap.servers")).isEqualTo("b1:9093,b2:9093");
        assertThat(props).hasSize(SECURITY.size() + 1);
    }

    @Test
    void sourcesCarryEveryPassThroughPropertyTheGroupAndTheTopics() {
        KafkaSource<SourceRecord> changes = settings.changeSource();

        Properties props = kafkaFacet(changes.getLineageVertex()).getProperties();
        SECURITY.forEach((k, v) -> assertThat(props.getProperty(k)).as(k).isEqualTo(v));
        assertThat(props.getProperty("bootstrap.servers")).isEqualTo("b1:9093,b2:9093");
        assertThat(props.getProperty("group.id")).isEqualTo("thermocline-prod");
        assertThat(props.getProperty("client.id.prefix")).isEqualTo("thermocline-prod-changes");
        assertThat(kafkaFacet(changes.getLineageVertex()).getTopicIdentifier().getTopics())
                .containsExactlyInAnyOrder("cdc.orders", "cdc.accounts");
        assertThat(changes.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(kafkaFacet(settings.accessSource().getLineageVertex()).getTopicIdentifier().getTopics())
                .containsExactly("access-log");
    }

    @Test
    void aBoundedSourceIsTheSameSourceThatStopsAtItsStoppingOffsets() {
        KafkaSource<SourceRecord> bounded = settings.boundedSource(List.of("cdc.orders"), "changes",
                OffsetsInitializer.earliest(), OffsetsInitializer.latest());

        assertThat(bounded.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        Properties props = kafkaFacet(bounded.getLineageVertex()).getProperties();
        SECURITY.forEach((k, v) -> assertThat(props.getProperty(k)).as(k).isEqualTo(v));
        assertThat(props.getProperty("group.id")).isEqualTo("thermocline-prod");
        assertThat(kafkaFacet(bounded.getLineageVertex()).getTopicIdentifier().getTopics()).containsExactly("cdc.orders");
    }

    @Test
    void deadLetterSinkCarriesThePassThroughPropertiesAndTheTopic() {
        KafkaSink<DeadLetter> sink = settings.deadLetterSink("heatmap");

        KafkaDatasetFacet facet = kafkaFacet(sink.getLineageVertex());
        SECURITY.forEach((k, v) -> assertThat(facet.getProperties().getProperty(k)).as(k).isEqualTo(v));
        assertThat(facet.getTopicIdentifier().getTopics()).containsExactly("dlq");
    }

    @Test
    void managedPropertiesCannotBePassedThrough() {
        for (String key : KafkaSettings.MANAGED_PROPERTIES) {
            assertThatThrownBy(() -> KafkaSettings.builder().bootstrapServers("b:1").property(key, "x").build())
                    .as(key)
                    .hasMessageStartingWith("Kafka property '" + key + "' cannot be passed through");
        }
        assertThatThrownBy(() -> KafkaSettings.builder().build()).hasMessage("bootstrap servers is required");
        assertThatThrownBy(() -> new KafkaSettings.Topics("a", List.of(), "d"))
                .hasMessage("at least one change topic is required");
        assertThatThrownBy(() -> new KafkaSettings.Topics("a", List.of("c"), " ")).hasMessage("dead-letter topic is required");
    }

    @Test
    void deserializerKeepsTheValueRawWithItsCoordinates() {
        byte[] value = {1, 2, 3};
        List<SourceRecord> out = new java.util.ArrayList<>();
        new SourceRecordDeserializer().deserialize(new ConsumerRecord<>("cdc.orders", 4, 1042L, null, value),
                new org.apache.flink.util.Collector<>() {
                    @Override
                    public void collect(SourceRecord record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });

        assertThat(out).containsExactly(SourceRecord.ofKafka(value, "cdc.orders", 4, 1042L, -1L));
        assertThat(out.get(0).describe()).isEqualTo("kafka:cdc.orders/4@1042");
    }

    @Test
    void deadLettersAreWrittenAsJsonToTheDeadLetterTopic() {
        DeadLetter letter = new DeadLetter("kafka:a/0@1", "timestamp missing", new byte[] {'{', '}'},
                Instant.parse("2026-11-24T10:00:00Z"));

        ProducerRecord<byte[], byte[]> record = new DeadLetterSerializer("dlq", "heatmap").serialize(letter, null, 5L);

        assertThat(record.topic()).isEqualTo("dlq");
        assertThat(record.key()).isNull();
        assertThat(DeadLetterJson.fromJson(record.value())).isEqualTo(letter);
        assertThat(DeadLetterJson.job(record.value())).isEqualTo("heatmap");
    }

    private static KafkaDatasetFacet kafkaFacet(LineageVertex vertex) {
        Function<LineageDataset, KafkaDatasetFacet> facet = d -> (KafkaDatasetFacet) d.facets().values().stream()
                .filter(KafkaDatasetFacet.class::isInstance)
                .findFirst()
                .orElseThrow();
        return facet.apply(vertex.datasets().get(0));
    }
}
