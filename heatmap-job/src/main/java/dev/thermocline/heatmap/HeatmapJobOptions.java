package dev.thermocline.heatmap;

import dev.thermocline.core.heat.RetentionPolicy;
import dev.thermocline.flink.config.HeatmapConfig;
import dev.thermocline.flink.format.AccessRecordJson;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The heatmap job's tuning, each with its default; {@link #from} takes them from the configuration
 * ({@code heatmap.*} keys, see {@code ConfigOption}):
 *
 * <ul>
 *   <li>{@code window} (1 min): the width of a heatmap cell (tumbling, event time, epoch-aligned);
 *       must divide the retention policy's finest resolution.
 *   <li>{@code maxOutOfOrderness} (30 s): how far event time may go backwards before the watermark
 *       passes it.
 *   <li>{@code allowedLateness} (1 min): how long after the watermark passes a window's end its
 *       records are still counted. A window's cell is written once, when the watermark reaches its
 *       end plus this; records later than that go to the dead letters, counted as late.
 *   <li>{@code idleTimeout} (1 min): a reader that saw nothing this long stops holding the
 *       watermark back (e.g. more readers than Kafka partitions).
 *   <li>{@code maxFutureSkew} (1 day): a record stamped further ahead of the clock is rejected: one
 *       bogus far-future timestamp would otherwise drag the watermark past every honest record.
 *   <li>{@code mapPollInterval} (10 s): how often each partition assigner re-reads the
 *       {@code partition_map} table for new revisions.
 *   <li>{@code maxBufferedCells} (10 000): the pre-aggregation buffer flushes early beyond this many
 *       open cells per reader.
 *   <li>{@code maxRecordBytes} (1 MiB): larger records are rejected unread.
 *   <li>{@code retention} (Key Visualizer's 1 min/6 h, 10 min/4 d, 1 h/28 d): the roll-up tiers.
 * </ul>
 */
public record HeatmapJobOptions(
        Duration window,
        Duration maxOutOfOrderness,
        Duration allowedLateness,
        Duration idleTimeout,
        Duration maxFutureSkew,
        Duration mapPollInterval,
        int maxBufferedCells,
        int maxRecordBytes,
        RetentionPolicy retention)
        implements Serializable {

    public HeatmapJobOptions {
        positive("window", window);
        notNegative("maxOutOfOrderness", maxOutOfOrderness);
        notNegative("allowedLateness", allowedLateness);
        positive("idleTimeout", idleTimeout);
        positive("maxFutureSkew", maxFutureSkew);
        positive("mapPollInterval", mapPollInterval);
        if (maxBufferedCells < 1) {
            throw new IllegalArgumentException("maxBufferedCells must be at least 1, was " + maxBufferedCells);
        }
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be at least 1, was " + maxRecordBytes);
        }
        Objects.requireNonNull(retention, "retention is required.");
        if (window.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("window " + window + " must be a whole number of milliseconds");
        }
        if (retention.finest().toMillis() % window.toMillis() != 0) {
            throw new IllegalArgumentException("window " + window + " does not divide the finest retention resolution "
                    + retention.finest() + ": roll-up could not merge whole cells");
        }
    }

    public static HeatmapJobOptions defaults() {
        return new HeatmapJobOptions(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ofDays(1), Duration.ofSeconds(10), 10_000,
                AccessRecordJson.DEFAULT_MAX_RECORD_BYTES, RetentionPolicy.KEY_VISUALIZER);
    }

    /** The configured settings ({@code heatmap.*}); what the configuration has no key for keeps its default. */
    public static HeatmapJobOptions from(HeatmapConfig config) {
        HeatmapJobOptions d = defaults();
        return new HeatmapJobOptions(config.window(), config.maxOutOfOrderness(), config.allowedLateness(),
                config.idleTimeout(), config.maxFutureSkew(), config.partitionMapPollInterval(), d.maxBufferedCells(),
                config.maxRecordBytes(), config.retention());
    }

    public HeatmapJobOptions withWindow(Duration value) {
        return new HeatmapJobOptions(value, maxOutOfOrderness, allowedLateness, idleTimeout, maxFutureSkew,
                mapPollInterval, maxBufferedCells, maxRecordBytes, retention);
    }

    public HeatmapJobOptions withMaxOutOfOrderness(Duration value) {
        return new HeatmapJobOptions(window, value, allowedLateness, idleTimeout, maxFutureSkew, mapPollInterval,
                maxBufferedCells, maxRecordBytes, retention);
    }

    public HeatmapJobOptions withAllowedLateness(Duration value) {
        return new HeatmapJobOptions(window, maxOutOfOrderness, value, idleTimeout, maxFutureSkew, mapPollInterval,
                maxBufferedCells, maxRecordBytes, retention);
    }

    public HeatmapJobOptions withIdleTimeout(Duration value) {
        return new HeatmapJobOptions(window, maxOutOfOrderness, allowedLateness, value, maxFutureSkew, mapPollInterval,
                maxBufferedCells, maxRecordBytes, retention);
    }

    public HeatmapJobOptions withMaxFutureSkew(Duration value) {
        return new HeatmapJobOptions(window, maxOutOfOrderness, allowedLateness, idleTimeout, value, mapPollInterval,
                maxBufferedCells, maxRecordBytes, retention);
    }

    public HeatmapJobOptions withMapPollInterval(Duration value) {
        return new HeatmapJobOptions(window, maxOutOfOrderness, allowedLateness, idleTimeout, maxFutureSkew, value,
                maxBufferedCells, maxRecordBytes, retention);
    }

    public HeatmapJobOptions withMaxBufferedCells(int value) {
        return new HeatmapJobOptions(window, maxOutOfOrderness, allowedLateness, idleTimeout, maxFutureSkew,
                mapPollInterval, value, maxRecordBytes, retention);
    }

    public HeatmapJobOptions withMaxRecordBytes(int value) {
        return new HeatmapJobOptions(window, maxOutOfOrderness, allowedLateness, idleTimeout, maxFutureSkew,
                mapPollInterval, maxBufferedCells, value, retention);
    }

    public HeatmapJobOptions withRetention(RetentionPolicy value) {
        return new HeatmapJobOptions(window, maxOutOfOrderness, allowedLateness, idleTimeout, maxFutureSkew,
                mapPollInterval, maxBufferedCells, maxRecordBytes, value);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name + " is required.");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    private static void notNegative(String name, Duration d) {
        Objects.requireNonNull(d, name + " is required.");
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
    }
}
