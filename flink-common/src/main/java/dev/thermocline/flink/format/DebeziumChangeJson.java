package dev.thermocline.flink.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.core.input.Parsed;
import dev.thermocline.core.key.InvalidKeyException;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.table.TableSpec;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Parses one Debezium JSON change event into a {@link ChangeRecord}, plain
 * ({@code {"before","after","op","ts_ms","source"}}) or wrapped by Kafka Connect's JsonConverter
 * with schemas ({@code {"schema":…,"payload":{…}}}).
 *
 * <ul>
 *   <li><b>op</b>: {@code c}, {@code u}, {@code r} need an {@code after} object; {@code d} needs a
 *       {@code before} object. Other codes ({@code t} truncate, {@code m} message) are rejected:
 *       they name no row.
 *   <li><b>table</b>: the first configured name among {@code source.schema + "." + source.table},
 *       {@code source.db + "." + source.table} and {@code source.table}; when the source names no
 *       table, the configured default of the Kafka topic.
 *   <li><b>key</b>: the table's key column in {@code after} ({@code before} for a delete), checked
 *       against the key type. A long key may arrive as a JSON integer or a decimal string; a string
 *       key as a string or a JSON integer (taken by its text).
 *   <li><b>timestamp</b>: {@code source.ts_ms} (commit time at the database), else the envelope's
 *       {@code ts_ms}.
 *   <li><b>row</b>: the after-image re-serialised as compact JSON, fields in the order received,
 *       numbers exactly as written; null for deletes.
 *   <li><b>position</b>: see {@link #position}.
 *   <li><b>tombstones</b>: a null/empty Kafka value (Debezium's follow-up to a delete, for log
 *       compaction) or JsonConverter's {@code {"schema":null,"payload":null}} carries no change.
 *       {@link #skips} says so, and {@code ParseFunction} drops and counts them
 *       ({@code records_skipped}) instead of flooding the dead-letter topic; {@link #parse} called
 *       directly rejects them with reason {@code tombstone}.
 * </ul>
 */
public final class DebeziumChangeJson implements RecordParser<ChangeRecord> {

    /** Larger than the access log's: a change is data to protect, and wrapped events carry a schema. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 16 << 20;

    private static final long serialVersionUID = 1L;
    private static final long UINT32_LIMIT = 1L << 32;
    private static final String[] GENERIC_POSITIONS = {"pos", "lsn", "scn", "commit_lsn"};

    /** Exact numbers (no trailing-zero stripping, no double rounding) so the row text keeps the source's values. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private record KeyColumn(String column, KeyType type) implements Serializable {}

    private final HashMap<String, KeyColumn> tables;
    private final HashMap<String, String> topicTables;
    private final Clock clock;
    private final int maxRecordBytes;

    public DebeziumChangeJson(Map<String, TableSpec> tables, Clock clock) {
        this(tables, Map.of(), clock, DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * @param topicTables topic → table name, used only when an event's source names no table
     * @param maxRecordBytes records larger than this are rejected unread
     */
    public DebeziumChangeJson(
            Map<String, TableSpec> tables, Map<String, String> topicTables, Clock clock, int maxRecordBytes) {
        Objects.requireNonNull(tables, "tables are required");
        Objects.requireNonNull(topicTables, "topicTables are required (may be empty)");
        this.clock = Objects.requireNonNull(clock, "clock is required");
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be positive, was " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
        this.tables = new HashMap<>();
        tables.forEach((name, spec) -> this.tables.put(name, new KeyColumn(spec.keyColumn(), spec.keyType())));
        topicTables.forEach((topic, table) -> {
            if (!tables.containsKey(table)) {
                throw new IllegalArgumentException(
                        "topic '" + topic + "' defaults to table '" + table + "', which is not configured");
            }
        });
        this.topicTables = new HashMap<>(topicTables);
    }

    @Override
    public Parsed<ChangeRecord> parse(SourceRecord record) {
        return parse(record.value(), record.describe(), record.topic(), record.offset());
    }

    @Override
    public boolean skips(SourceRecord record) {
        return isTombstone(record.value());
    }

    /**
     * @param source where the record came from, kept in the dead letter
     * @param topic the Kafka topic, for the topic's default table; may be null
     * @param fallbackOffset the Kafka offset (or file line), the position when the source gives
     *     none; negative when unknown
     */
    public Parsed<ChangeRecord> parse(byte[] raw, String source, String topic, long fallbackOffset) {
        try {
            return Parsed.ok(read(raw, topic, fallbackOffset));
        } catch (RejectedInput e) {
            return reject(raw, source, e.getMessage());
        } catch (JsonProcessingException e) {
            return reject(raw, source, JsonReasons.malformed(e));
        } catch (IOException | RuntimeException e) {
            return reject(raw, source, JsonReasons.clip("unreadable record: " + e));
        }
    }

    /** Null, empty, or JsonConverter's null-with-schema: no change in it. */
    public static boolean isTombstone(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return true;
        }
        if (raw.length > 64) {
            return false;
        }
        StringBuilder compact = new StringBuilder(raw.length);
        for (byte b : raw) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                compact.append((char) b);
            }
        }
        String text = compact.toString();
        return text.equals("{\"schema\":null,\"payload\":null}") || text.equals("{\"payload\":null,\"schema\":null}");
    }

    private Parsed<ChangeRecord> reject(byte[] raw, String source, String reason) {
        return Parsed.rejected(new DeadLetter(source, reason, raw, clock.instant()));
    }

    private ChangeRecord read(byte[] raw, String topic, long fallbackOffset) throws IOException, RejectedInput {
        if (isTombstone(raw)) {
            throw new RejectedInput("tombstone");
        }
        if (raw.length > maxRecordBytes) {
            throw new RejectedInput(JsonReasons.oversized(raw.length, maxRecordBytes));
        }
        JsonNode root = JSON.readTree(raw);
        if (root == null || !root.isObject()) {
            throw new RejectedInput("not a JSON object (found " + kind(root) + ")");
        }
        JsonNode event = envelope(root);
        ChangeOp op = op(event.get("op"));
        JsonNode source = optionalObject(event, "source");
        String table = table(source, topic);
        KeyColumn keyColumn = tables.get(table);

        String imageName = op.upserts() ? "after" : "before";
        JsonNode image = event.get(imageName);
        if (image == null || image.isNull()) {
            throw new RejectedInput(imageName + " missing for op '" + op.code() + "'");
        }
        if (!image.isObject()) {
            throw new RejectedInput(imageName + " must be an object, found " + kind(image));
        }
        Key key = key(keyColumn, image, imageName);
        Instant timestamp = timestamp(source, event);
        ChangePosition position = position(source, fallbackOffset);
        String row = op.upserts() ? JSON.writeValueAsString(image) : null;
        return new ChangeRecord(table, key, op, position, timestamp, row);
    }

    /** The plain envelope, or the {@code payload} of a JsonConverter {@code {"schema","payload"}} wrapper. */
    private static JsonNode envelope(JsonNode root) throws RejectedInput {
        if (root.has("op") || !root.has("payload")) {
            return root;
        }
        JsonNode payload = root.get("payload");
        if (payload.isNull()) {
            throw new RejectedInput("tombstone");
        }
        if (!payload.isObject()) {
            throw new RejectedInput("payload must be an object, found " + kind(payload));
        }
        return payload;
    }

    private static ChangeOp op(JsonNode node) throws RejectedInput {
        if (node == null) {
            throw new RejectedInput("op missing (not a Debezium change event)");
        }
        if (!node.isTextual()) {
            throw new RejectedInput("op must be a string, found " + kind(node));
        }
        String code = node.textValue();
        return switch (code) {
            case "c" -> ChangeOp.CREATE;
            case "u" -> ChangeOp.UPDATE;
            case "d" -> ChangeOp.DELETE;
            case "r" -> ChangeOp.READ;
            case "t" -> throw new RejectedInput("op 't' (truncate) is not supported: it names no row");
            case "m" -> throw new RejectedInput("op 'm' (message) is not a row change");
            default -> throw new RejectedInput("op " + JsonReasons.quote(code) + " is not one of c, u, d, r");
        };
    }

    private static JsonNode optionalObject(JsonNode parent, String field) throws RejectedInput {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new RejectedInput(field + " must be an object, found " + kind(node));
        }
        return node;
    }

    private String table(JsonNode source, String topic) throws RejectedInput {
        String name = source == null ? null : text(source, "source.table");
        if (name == null) {
            String byTopic = topic == null ? null : topicTables.get(topic);
            if (byTopic == null) {
                throw new RejectedInput("source.table missing and topic "
                        + (topic == null ? "(none)" : JsonReasons.quote(topic)) + " has no default table");
            }
            return byTopic;
        }
        for (String qualifier : new String[] {"schema", "db"}) {
            String q = text(source, "source." + qualifier);
            if (q != null && tables.containsKey(q + "." + name)) {
                return q + "." + name;
            }
        }
        if (!tables.containsKey(name)) {
            throw new RejectedInput(JsonReasons.clip("unknown table " + JsonReasons.quote(name) + " (configured: "
                    + String.join(", ", new TreeSet<>(tables.keySet())) + ")"));
        }
        return name;
    }

    /** A non-blank string field of {@code source} ({@code path} is "source.x"), or null when absent/null. */
    private static String text(JsonNode source, String path) throws RejectedInput {
        JsonNode node = source.get(path.substring("source.".length()));
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new RejectedInput(path + " must be a string, found " + kind(node));
        }
        String text = node.textValue();
        if (text.isBlank()) {
            throw new RejectedInput(path + " is blank");
        }
        return text;
    }

    private static Key key(KeyColumn keyColumn, JsonNode image, String imageName) throws RejectedInput {
        String where = "key column '" + keyColumn.column() + "'";
        JsonNode node = image.get(keyColumn.column());
        if (node == null) {
            throw new RejectedInput(where + " missing from " + imageName);
        }
        if (node.isNull()) {
            throw new RejectedInput(where + " is null in " + imageName);
        }
        String text;
        if (node.isIntegralNumber()) {
            if (keyColumn.type() == KeyType.LONG && node.canConvertToLong()) {
                return Key.of(node.longValue());
            }
            text = node.asText();
        } else if (node.isTextual()) {
            text = node.textValue();
            if (text.isBlank()) {
                throw new RejectedInput(where + " is blank in " + imageName);
            }
        } else if (node.isNumber()) {
            throw new RejectedInput(where + " value " + node.asText() + " is not a whole number (key type "
                    + keyColumn.type().configName() + ")");
        } else {
            throw new RejectedInput(where + " must be a string or an integer, found " + kind(node));
        }
        try {
            return keyColumn.type().parse(text);
        } catch (InvalidKeyException e) {
            throw new RejectedInput(where + " value " + JsonReasons.quote(text) + " is not a "
                    + keyColumn.type().configName());
        }
    }

    private static Instant timestamp(JsonNode source, JsonNode event) throws RejectedInput {
        JsonNode fromSource = source == null ? null : source.get("ts_ms");
        if (fromSource != null && !fromSource.isNull()) {
            return epochMillis("source.ts_ms", fromSource);
        }
        JsonNode fromEnvelope = event.get("ts_ms");
        if (fromEnvelope != null && !fromEnvelope.isNull()) {
            return epochMillis("ts_ms", fromEnvelope);
        }
        throw new RejectedInput("timestamp missing (neither source.ts_ms nor ts_ms)");
    }

    private static Instant epochMillis(String field, JsonNode node) throws RejectedInput {
        if (!node.isIntegralNumber()) {
            throw new RejectedInput(field + " must be whole epoch milliseconds, found "
                    + (node.isNumber() ? node.asText() : kind(node)));
        }
        if (!node.canConvertToLong()) {
            throw new RejectedInput(field + " " + node.asText() + " is outside years 1-9999");
        }
        return Timestamps.ofEpochMillis(field, node.longValue());
    }

    /**
     * The change's place in its source log, which orders the changes of one key:
     *
     * <ul>
     *   <li><b>MySQL</b> ({@code source.file} + {@code source.pos}): {@code lsn = fileIndex << 32 | pos},
     *       {@code seq = source.row}. The file index is the binlog file's numeric suffix
     *       ({@code mysql-bin.000003} → 3); {@code pos} is below 2^32 because binlog event offsets are
     *       32-bit; {@code row} orders the rows of one multi-row binlog event.
     *   <li><b>Postgres</b> ({@code source.lsn}): {@code (lsn, 0)}. Each WAL change has its own LSN, and
     *       row locks make one key's change LSNs follow commit order, so {@code sequence}/{@code txId}
     *       add no order within a key.
     *   <li><b>Others</b>: the first of {@code source.pos}, {@code source.lsn}, {@code source.scn}
     *       (Oracle, a decimal string) and {@code source.commit_lsn} that is a non-negative integer or
     *       decimal string, with seq 0. Non-numeric ones (SQL Server's {@code 0000002a:00000d98:0002})
     *       are passed over.
     *   <li><b>Fallback</b>: the Kafka offset, {@code (offset, 0)}. Offsets order only records of one
     *       Kafka partition; that suffices because Debezium keys its topics by the row's primary key,
     *       so all changes of one key land in one partition. The partition itself is not folded in.
     * </ul>
     */
    static ChangePosition position(JsonNode source, long fallbackOffset) throws RejectedInput {
        if (source != null) {
            JsonNode file = source.get("file");
            JsonNode pos = source.get("pos");
            if (file != null && file.isTextual() && pos != null && !pos.isNull()) {
                return mysqlPosition(file.textValue(), pos, source.get("row"));
            }
            for (String field : GENERIC_POSITIONS) {
                long value = nonNegativeLong(source.get(field));
                if (value >= 0) {
                    return new ChangePosition(value, 0);
                }
            }
        }
        if (fallbackOffset >= 0) {
            return new ChangePosition(fallbackOffset, 0);
        }
        throw new RejectedInput("no position: source has no file+pos, pos, lsn, scn or commit_lsn and no Kafka offset is known");
    }

    private static ChangePosition mysqlPosition(String file, JsonNode posNode, JsonNode rowNode) throws RejectedInput {
        int dot = file.lastIndexOf('.');
        long fileIndex = dot < 0 ? -1 : parseDigits(file.substring(dot + 1));
        if (fileIndex < 0 || fileIndex > Integer.MAX_VALUE) {
            throw new RejectedInput("source.file " + JsonReasons.quote(file)
                    + " does not end in a binlog index (e.g. mysql-bin.000003)");
        }
        long pos = nonNegativeLong(posNode);
        if (pos < 0 || pos >= UINT32_LIMIT) {
            throw new RejectedInput("source.pos " + JsonReasons.quote(posNode.asText())
                    + " is not a binlog offset (0 to 2^32-1)");
        }
        long row = rowNode == null || rowNode.isNull() ? 0 : nonNegativeLong(rowNode);
        if (row < 0) {
            throw new RejectedInput("source.row " + JsonReasons.quote(rowNode.asText()) + " is not a row index");
        }
        return new ChangePosition(fileIndex << 32 | pos, row);
    }

    /** A non-negative long from an integer or a decimal string; -1 when the node is anything else. */
    private static long nonNegativeLong(JsonNode node) {
        if (node == null) {
            return -1;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() && node.longValue() >= 0 ? node.longValue() : -1;
        }
        return node.isTextual() ? parseDigits(node.textValue()) : -1;
    }

    private static long parseDigits(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case STRING, BINARY -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case MISSING -> "nothing";
        };
    }
}
