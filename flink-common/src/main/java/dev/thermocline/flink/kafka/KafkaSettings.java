package dev.thermocline.flink.kafka;

import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.flink.format.SourceRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * How Thermocline talks to Kafka: the brokers, client properties passed through untouched
 * (security: {@code security.protocol}, {@code sasl.*}, {@code ssl.*}; tuning: anything else the
 * Kafka clients accept), the consumer group and the topics. Builds the sources and the dead-letter
 * sink every job uses.
 *
 * <p>Properties that this class sets itself ({@link #MANAGED_PROPERTIES}) are rejected in the
 * pass-through map, so there is one place for each and no silent override.
 */
public final class KafkaSettings {

    /** Set from the typed settings or fixed by the connectors; not accepted as pass-through properties. */
    public static final Set<String> MANAGED_PROPERTIES = Set.of(
            "bootstrap.servers", "group.id",
            "key.deserializer", "value.deserializer", "key.serializer", "value.serializer");

    private final String bootstrapServers;
    private final Map<String, String> properties;
    private final String groupId;
    private final Topics topics;

    /**
     * @param access the access-log topic (heatmap job)
     * @param changes the change-event topics (one per table or one shared)
     * @param deadLetters where every job's dead letters go
     */
    public record Topics(String access, List<String> changes, String deadLetters) {
        public Topics {
            requireText(access, "access topic");
            changes = List.copyOf(Objects.requireNonNull(changes, "change topics are required"));
            if (changes.isEmpty()) {
                throw new IllegalArgumentException("at least one change topic is required");
            }
            changes.forEach(t -> requireText(t, "change topic"));
            requireText(deadLetters, "dead-letter topic");
        }

        /** Defaults: {@code thermocline.access}, {@code thermocline.changes}, {@code thermocline.dead-letters}. */
        public static Topics defaults() {
            return new Topics("thermocline.access", List.of("thermocline.changes"), "thermocline.dead-letters");
        }
    }

    private KafkaSettings(Builder b) {
        this.bootstrapServers = requireText(b.bootstrapServers, "bootstrap servers");
        this.groupId = requireText(b.groupId, "consumer group id");
        this.topics = Objects.requireNonNull(b.topics, "topics are required");
        for (String key : b.properties.keySet()) {
            if (MANAGED_PROPERTIES.contains(key)) {
                throw new IllegalArgumentException("Kafka property '" + key + "' cannot be passed through: "
                        + (key.equals("bootstrap.servers") ? "set bootstrap-servers"
                                : key.equals("group.id") ? "set the group id" : "the connectors fix it"));
            }
            if (b.properties.get(key) == null) {
                throw new IllegalArgumentException("Kafka property '" + key + "' has no value");
            }
        }
        this.properties = Map.copyOf(b.properties);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The pass-through client properties, as given. */
    public Map<String, String> properties() {
        return properties;
    }

    public String groupId() {
        return groupId;
    }

    public Topics topics() {
        return topics;
    }

    /** Everything a plain Kafka client needs: the pass-through properties plus {@code bootstrap.servers}. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.putAll(properties);
        p.setProperty("bootstrap.servers", bootstrapServers);
        return p;
    }

    /** The access-log source, from the committed group offsets or else the earliest. */
    public KafkaSource<SourceRecord> accessSource() {
        return source(List.of(topics.access()), "access", committedOrEarliest());
    }

    /** The change-event source, from the committed group offsets or else the earliest (no change is skipped). */
    public KafkaSource<SourceRecord> changeSource() {
        return source(topics.changes(), "changes", committedOrEarliest());
    }

    /**
     * A source of raw records with their Kafka coordinates. Offsets are committed back to the group
     * on checkpoints (for monitoring lag); recovery uses the checkpointed offsets.
     *
     * @param role distinguishes this source's client ids within the group (e.g. {@code access})
     */
    public KafkaSource<SourceRecord> source(List<String> topicNames, String role, OffsetsInitializer startingOffsets) {
        return builder(topicNames, role, startingOffsets).build();
    }

    /**
     * Like {@link #source}, but bounded: the job reads up to the end offsets the topics have when it
     * starts ({@code stoppingOffsets}, e.g. {@link OffsetsInitializer#latest()}) and then finishes, so a
     * backfill or a demo phase reads exactly what was produced before it and commits it all.
     */
    public KafkaSource<SourceRecord> boundedSource(List<String> topicNames, String role, OffsetsInitializer startingOffsets,
                                                   OffsetsInitializer stoppingOffsets) {
        return builder(topicNames, role, startingOffsets).setBounded(stoppingOffsets).build();
    }

    private KafkaSourceBuilder<SourceRecord> builder(List<String> topicNames, String role, OffsetsInitializer startingOffsets) {
        return KafkaSource.<SourceRecord>builder()
                .setProperties(clientProperties())
                .setBootstrapServers(bootstrapServers)
                .setGroupId(groupId)
                .setClientIdPrefix(groupId + "-" + role)
                .setTopics(new ArrayList<>(topicNames))
                .setStartingOffsets(startingOffsets)
                .setDeserializer(new SourceRecordDeserializer());
    }

    /**
     * The dead-letter sink, at-least-once: records are flushed on each checkpoint, and a restart may
     * write a dead letter twice. Duplicates are harmless (each names its source record), and no
     * transactions means no transactional-id fencing and no read-committed lag for the people and
     * tools reading the topic.
     *
     * @param job the writing job's name, recorded in each dead letter
     */
    public KafkaSink<DeadLetter> deadLetterSink(String job) {
        return KafkaSink.<DeadLetter>builder()
                .setKafkaProducerConfig(clientProperties())
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(new DeadLetterSerializer(topics.deadLetters(), job))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private static OffsetsInitializer committedOrEarliest() {
        return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    public static final class Builder {
        private String bootstrapServers;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private String groupId = "thermocline";
        private Topics topics = Topics.defaults();

        private Builder() {}

        /** Comma-separated {@code host:port} list. */
        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = servers;
            return this;
        }

        /** Adds pass-through client properties; later values win. */
        public Builder properties(Map<String, String> props) {
            this.properties.putAll(props);
            return this;
        }

        public Builder property(String key, String value) {
            this.properties.put(key, value);
            return this;
        }

        /** Defaults to {@code thermocline}. */
        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        public Builder topics(Topics topics) {
            this.topics = topics;
            return this;
        }

        public KafkaSettings build() {
            return new KafkaSettings(this);
        }
    }
}
