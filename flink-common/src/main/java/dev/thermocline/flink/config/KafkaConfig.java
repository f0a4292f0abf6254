package dev.thermocline.flink.config;

import dev.thermocline.flink.kafka.KafkaSettings;
import java.util.Map;
import java.util.Objects;

/**
 * The configured Kafka: brokers (none = an embedded in-process broker where a command needs one),
 * pass-through client properties and topics.
 *
 * @param bootstrapServers {@code host:port,...}, or null for the embedded broker
 * @param properties Kafka client properties passed through as given
 * @param topics the topics
 */
public record KafkaConfig(String bootstrapServers, Map<String, String> properties, KafkaTopics topics) {

    public KafkaConfig {
        properties = Map.copyOf(properties);
        Objects.requireNonNull(topics, "topics are required.");
    }

    /** True when no brokers are configured, so commands that need Kafka start an embedded one. */
    public boolean embedded() {
        return bootstrapServers == null;
    }

    /**
     * The settings the jobs' sources and sinks are built from: the configured brokers, or
     * {@code embeddedBootstrapServers} (the address of the broker the command started) when none
     * are configured.
     */
    public KafkaSettings settings(String embeddedBootstrapServers) {
        String servers = embedded() ? embeddedBootstrapServers : bootstrapServers;
        if (servers == null) {
            throw new IllegalStateException("no Kafka brokers are configured (kafka.bootstrap-servers) "
                    + "and no embedded broker address was given");
        }
        return KafkaSettings.builder()
                .bootstrapServers(servers)
                .properties(properties)
                .topics(new KafkaSettings.Topics(topics.access(), topics.changes(), topics.deadLetter()))
                .build();
    }
}
