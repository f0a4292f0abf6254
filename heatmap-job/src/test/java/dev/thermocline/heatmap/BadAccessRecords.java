package dev.thermocline.heatmap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Every kind of access-log record the heatmap job must turn into a dead letter, and why. */
enum BadAccessRecords {
    TRUNCATED_JSON,
    NOT_JSON,
    JSON_ARRAY,
    TRAILING_GARBAGE,
    INVALID_UTF8,
    EMPTY,
    TOMBSTONE,
    NO_TIMESTAMP,
    NO_TABLE,
    NO_KEY,
    UNKNOWN_TABLE,
    KEY_NOT_A_LONG,
    FRACTIONAL_KEY,
    BAD_TIMESTAMP,
    FRACTIONAL_TIMESTAMP,
    BAD_OP,
    COLUMNS_NOT_A_LIST,
    DUPLICATE_FIELD,
    OVERSIZED,
    FAR_FUTURE,
    LATE;

    /** The records this test runs the job with reject anything above this many bytes. */
    static final int MAX_RECORD_BYTES = 16 << 10;

    /** Rejected by the parser (the others are valid JSON rejected later, and re-rendered in their dead letter). */
    boolean rejectedByParser() {
        return this != FAR_FUTURE && this != LATE;
    }

    /** The record's bytes (null for a tombstone), stamped {@code at} where it has a valid timestamp. */
    byte[] bytes(Instant at, long key) {
        long t = at.toEpochMilli();
        String ok = "\"timestamp\":" + t + ",\"table_name\":\"orders\",\"partition_key\":\"" + key + "\"";
        String text = switch (this) {
            case TRUNCATED_JSON -> "{\"timestamp\":" + t + ",\"table_na";
            case NOT_JSON -> "GET /orders/" + key + " HTTP/1.1";
            case JSON_ARRAY -> "[" + t + ",\"orders\"," + key + "]";
            case TRAILING_GARBAGE -> "{" + ok + "} {}";
            case INVALID_UTF8, EMPTY, TOMBSTONE, OVERSIZED -> null;
            case NO_TIMESTAMP -> "{\"table_name\":\"orders\",\"partition_key\":\"" + key + "\"}";
            case NO_TABLE -> "{\"timestamp\":" + t + ",\"partition_key\":\"" + key + "\"}";
            case NO_KEY -> "{\"timestamp\":" + t + ",\"table_name\":\"orders\"}";
            case UNKNOWN_TABLE -> "{\"timestamp\":" + t + ",\"table_name\":\"ordres\",\"partition_key\":\"" + key + "\"}";
            case KEY_NOT_A_LONG -> "{\"timestamp\":" + t + ",\"table_name\":\"orders\",\"partition_key\":\"k-" + key + "\"}";
            case FRACTIONAL_KEY -> "{\"timestamp\":" + t + ",\"table_name\":\"orders\",\"partition_key\":" + key + ".5}";
            case BAD_TIMESTAMP -> "{\"timestamp\":\"yesterday\",\"table_name\":\"orders\",\"partition_key\":\"" + key + "\"}";
            case FRACTIONAL_TIMESTAMP -> "{\"timestamp\":" + t + ".25,\"table_name\":\"orders\",\"partition_key\":\"" + key + "\"}";
            case BAD_OP -> "{" + ok + ",\"op\":\"delete\"}";
            case COLUMNS_NOT_A_LIST -> "{" + ok + ",\"accessed_columns\":\"status\"}";
            case DUPLICATE_FIELD -> "{" + ok + ",\"partition_key\":\"" + (key + 1) + "\"}";
            case FAR_FUTURE -> "{\"timestamp\":\"2100-01-01T00:00:00Z\",\"table_name\":\"orders\",\"partition_key\":\"" + key + "\"}";
            case LATE -> "{\"timestamp\":" + (t - 3_600_000) + ",\"table_name\":\"orders\",\"partition_key\":\"" + key + "\"}";
        };
        return switch (this) {
            case INVALID_UTF8 -> new byte[] {'{', '"', 't', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
            case EMPTY -> new byte[0];
            case TOMBSTONE -> null;
            case OVERSIZED -> ("{" + ok + ",\"note\":\"" + "x".repeat(MAX_RECORD_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
            default -> text.getBytes(StandardCharsets.UTF_8);
        };
    }
}
