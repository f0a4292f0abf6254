package dev.thermocline.flink.config;

import java.util.List;

/**
 * The Kafka topics Thermocline reads and writes.
 *
 * @param access the access-log topic (heatmap job)
 * @param changes the change-event topics: one shared, or one per table (changelog job)
 * @param deadLetter where every job writes the records it cannot parse or validate
 */
public record KafkaTopics(String access, List<String> changes, String deadLetter) {

    public KafkaTopics {
        changes = List.copyOf(changes);
    }
}
