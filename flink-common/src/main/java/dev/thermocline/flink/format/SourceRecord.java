package dev.thermocline.flink.format;

import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * One raw input record with where it came from: the value bytes exactly as received plus its
 * Kafka coordinates (or, for a file source, the file and line). Parsers need the coordinates for
 * dead-letter source descriptions and for the change-position fallback.
 *
 * <p>A record, so Flink serializes it with its POJO serializer (no Kryo).
 *
 * @param value the raw bytes; null for a Kafka tombstone
 * @param topic the Kafka topic, or {@code file:PATH} for a file source
 * @param partition the Kafka partition; -1 for a file source
 * @param offset the Kafka offset, or the 1-based line number in a file
 * @param timestamp the Kafka record timestamp (epoch millis); -1 when unknown
 */
public record SourceRecord(byte[] value, String topic, int partition, long offset, long timestamp) {

    private static final String FILE_PREFIX = "file:";

    public SourceRecord {
        Objects.requireNonNull(topic, "topic is required");
    }

    /** Flink's type for this record (its POJO serializer; {@code SourceRecordTest} keeps it off Kryo). */
    public static TypeInformation<SourceRecord> typeInfo() {
        return TypeInformation.of(SourceRecord.class);
    }

    public static SourceRecord ofKafka(byte[] value, String topic, int partition, long offset, long timestamp) {
        return new SourceRecord(value, topic, partition, offset, timestamp);
    }

    /** A line of a JSON-lines file; {@code lineNumber} is 1-based. */
    public static SourceRecord ofFile(String path, long lineNumber, byte[] value) {
        return new SourceRecord(value, FILE_PREFIX + path, -1, lineNumber, -1);
    }

    /**
     * Where the record came from, for dead letters and logs: {@code kafka:TOPIC/PARTITION@OFFSET}
     * or {@code file:PATH:LINE}.
     */
    public String describe() {
        if (partition < 0 && topic.startsWith(FILE_PREFIX)) {
            return topic + ":" + offset;
        }
        return "kafka:" + topic + "/" + partition + "@" + offset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceRecord r
                && Arrays.equals(value, r.value)
                && topic.equals(r.topic)
                && partition == r.partition
                && offset == r.offset
                && timestamp == r.timestamp;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(value), topic, partition, offset, timestamp);
    }

    @Override
    public String toString() {
        return "SourceRecord[" + describe() + ", " + (value == null ? "tombstone" : value.length + " bytes") + "]";
    }
}
