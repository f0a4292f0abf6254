package dev.thermocline.flink.config;

import dev.thermocline.core.heat.RetentionPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * The heatmap job's settings ({@code heatmap.*} in {@link ConfigOption}), validated when the
 * configuration is loaded: each duration's sign, the window against the retention tiers.
 *
 * @param window cell width (tumbling, event time)
 * @param maxOutOfOrderness watermark bound
 * @param allowedLateness how long after the watermark passes a window's end its accesses still count
 * @param idleTimeout a reader idle this long stops holding the watermark back
 * @param maxFutureSkew accesses stamped further ahead of the clock are dead letters
 * @param maxRecordBytes larger records are dead letters, rejected unread
 * @param partitionMapPollInterval how often {@code partition_map} is re-read
 * @param deadLetters where dead letters go
 * @param retention the roll-up tiers
 * @param rollupInterval how often a running job applies {@code retention}
 */
public record HeatmapConfig(Duration window, Duration maxOutOfOrderness, Duration allowedLateness, Duration idleTimeout,
                            Duration maxFutureSkew, int maxRecordBytes, Duration partitionMapPollInterval,
                            DeadLetterOutput deadLetters, RetentionPolicy retention, Duration rollupInterval) {

    /** Where the heatmap job's dead letters go. */
    public enum DeadLetterOutput {
        /** Kafka when brokers are configured, else Iceberg. */
        AUTO,
        /** The {@code kafka.topics.dead-letter} topic (at least once). */
        KAFKA,
        /** The {@code dead_letters} Iceberg table (exactly once). */
        ICEBERG;

        /** AUTO resolved: Kafka when {@code kafkaConfigured}, else Iceberg. */
        public DeadLetterOutput resolve(boolean kafkaConfigured) {
            return this != AUTO ? this : kafkaConfigured ? KAFKA : ICEBERG;
        }
    }

    public HeatmapConfig {
        Objects.requireNonNull(window, "window is required.");
        Objects.requireNonNull(maxOutOfOrderness, "maxOutOfOrderness is required.");
        Objects.requireNonNull(allowedLateness, "allowedLateness is required.");
        Objects.requireNonNull(idleTimeout, "idleTimeout is required.");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew is required.");
        Objects.requireNonNull(partitionMapPollInterval, "partitionMapPollInterval is required.");
        Objects.requireNonNull(deadLetters, "deadLetters is required.");
        Objects.requireNonNull(retention, "retention is required.");
        Objects.requireNonNull(rollupInterval, "rollupInterval is required.");
    }
}
