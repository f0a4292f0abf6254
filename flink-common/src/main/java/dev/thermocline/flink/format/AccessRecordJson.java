package dev.thermocline.flink.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.thermocline.core.access.AccessOp;
import dev.thermocline.core.access.AccessRecord;
import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.core.input.Parsed;
import dev.thermocline.core.key.InvalidKeyException;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.table.TableSpec;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Parses one access-log record (DESIGN.md "Data in"):
 *
 * <pre>{"timestamp": "2026-11-24T10:31:07.123Z" | 1795516267123, "table_name": "orders",
 *  "partition_key": "10452" | 10452, "accessed_columns": ["status", "total"], "op": "read" | "write"}</pre>
 *
 * <p>{@code timestamp}, {@code table_name} and {@code partition_key} are required;
 * {@code accessed_columns} (absent or null = none) and {@code op} (absent or null = unspecified) are
 * optional; unknown fields are ignored. The key is checked against the table's key type and kept
 * in its canonical text form ({@code " 0042"} of a long-keyed table becomes {@code "42"}). Anything
 * else becomes a dead letter with one precise reason and the exact raw bytes.
 *
 * <p>Hot path: one streaming pass with a shared {@link JsonFactory}, no tree, and no work a valid
 * record does not need: the source description and the reason texts are built only for rejects;
 * a table name, an {@code op} and the column names are matched in the parser's buffer and come out
 * as the same {@code String} instances each time (no copy, hash codes cached for the maps
 * downstream); a long key already in canonical form is kept as it is, not parsed and printed again.
 * The profile behind each of these is in BENCHMARKS.md.
 *
 * <p>One instance may still serve several threads: the column-name cache ({@link CanonicalNames}) is
 * racy by design but never wrong.
 */
public final class AccessRecordJson implements RecordParser<AccessRecord> {

    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();

    private static final int TIMESTAMP = 1;
    private static final int TABLE_NAME = 2;
    private static final int PARTITION_KEY = 4;
    private static final int ACCESSED_COLUMNS = 8;
    private static final int OP = 16;

    private final HashMap<String, KeyType> keyTypes;
    /** The configured table names and their key types, index for index: a handful, matched by a scan. */
    private final String[] tableNames;
    private final KeyType[] tableKeyTypes;
    private final Clock clock;
    private final int maxRecordBytes;
    private transient CanonicalNames columnNames;

    public AccessRecordJson(Map<String, TableSpec> tables, Clock clock) {
        this(tables, clock, DEFAULT_MAX_RECORD_BYTES);
    }

    /** @param maxRecordBytes records larger than this are rejected unread */
    public AccessRecordJson(Map<String, TableSpec> tables, Clock clock, int maxRecordBytes) {
        Objects.requireNonNull(tables, "tables are required");
        this.clock = Objects.requireNonNull(clock, "clock is required");
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be positive, was " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
        this.keyTypes = new HashMap<>();
        tables.forEach((name, spec) -> keyTypes.put(name, spec.keyType()));
        this.tableNames = keyTypes.keySet().toArray(String[]::new);
        this.tableKeyTypes = new KeyType[tableNames.length];
        for (int i = 0; i < tableNames.length; i++) {
            tableKeyTypes[i] = keyTypes.get(tableNames[i]);
        }
    }

    @Override
    public Parsed<AccessRecord> parse(SourceRecord record) {
        byte[] raw = record.value();
        Object result = readOrReason(raw);
        // The source is described only for a reject: building it for every record cost ~4% of the job's CPU.
        return result instanceof AccessRecord access ? Parsed.ok(access) : reject(raw, record.describe(), (String) result);
    }

    /** @param source where the record came from, kept in the dead letter (see {@link SourceRecord#describe()}) */
    public Parsed<AccessRecord> parse(byte[] raw, String source) {
        Object result = readOrReason(raw);
        return result instanceof AccessRecord access ? Parsed.ok(access) : reject(raw, source, (String) result);
    }

    /** The access, or the reason it is rejected. */
    private Object readOrReason(byte[] raw) {
        try {
            return read(raw);
        } catch (RejectedInput e) {
            return e.getMessage();
        } catch (JsonProcessingException e) {
            return JsonReasons.malformed(e);
        } catch (IOException | RuntimeException e) {
            // Not expected from an in-memory parse; still, bad input must never crash the job.
            return JsonReasons.clip("unreadable record: " + e);
        }
    }

    private Parsed<AccessRecord> reject(byte[] raw, String source, String reason) {
        return Parsed.rejected(new DeadLetter(source, reason, raw, clock.instant()));
    }

    private AccessRecord read(byte[] raw) throws IOException, RejectedInput {
        if (raw == null || raw.length == 0) {
            throw new RejectedInput("empty record");
        }
        if (raw.length > maxRecordBytes) {
            throw new RejectedInput(JsonReasons.oversized(raw.length, maxRecordBytes));
        }
        try (JsonParser p = JSON.createParser(raw)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new RejectedInput("not a JSON object (found " + JsonReasons.kind(first) + ")");
            }
            Instant timestamp = null;
            String tableName = null;
            int table = -1;
            JsonToken keyToken = null;
            String keyText = null;
            List<String> columns = List.of();
            AccessOp op = AccessOp.UNSPECIFIED;
            int seen = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                int bit = bit(field);
                if ((seen & bit) != 0) {
                    throw new RejectedInput("duplicate field '" + field + "'");
                }
                seen |= bit;
                switch (bit) {
                    case TIMESTAMP -> timestamp = timestamp(p, value);
                    case TABLE_NAME -> {
                        table = knownTable(p, value);
                        tableName = table >= 0 ? tableNames[table] : requiredString(p, value, "table_name");
                    }
                    case PARTITION_KEY -> {
                        keyToken = value;
                        keyText = keyText(p, value);
                    }
                    case ACCESSED_COLUMNS -> columns = columns(p, value, columnNames());
                    case OP -> op = op(p, value);
                    default -> p.skipChildren();
                }
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new RejectedInput("trailing content after the JSON object (" + JsonReasons.kind(trailing) + ")");
            }
            if ((seen & TIMESTAMP) == 0) {
                throw new RejectedInput("timestamp missing");
            }
            if ((seen & TABLE_NAME) == 0) {
                throw new RejectedInput("table_name missing");
            }
            if (table < 0) {
                throw new RejectedInput(unknownTable(tableName));
            }
            KeyType keyType = tableKeyTypes[table];
            if ((seen & PARTITION_KEY) == 0) {
                throw new RejectedInput("partition_key missing");
            }
            return new AccessRecord(timestamp, tableName, typedKey(keyType, keyToken, keyText), columns, op);
        }
    }

    private static int bit(String field) {
        return switch (field) {
            case "timestamp" -> TIMESTAMP;
            case "table_name" -> TABLE_NAME;
            case "partition_key" -> PARTITION_KEY;
            case "accessed_columns" -> ACCESSED_COLUMNS;
            case "op" -> OP;
            default -> 0;
        };
    }

    private static Instant timestamp(JsonParser p, JsonToken value) throws IOException, RejectedInput {
        if (value == JsonToken.VALUE_STRING) {
            return Timestamps.parseIso("timestamp", p.getText());
        }
        if (value == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new RejectedInput("timestamp " + JsonReasons.quote(p.getText()) + " is outside years 1-9999");
            }
            return Timestamps.ofEpochMillis("timestamp", p.getLongValue());
        }
        if (value == JsonToken.VALUE_NULL) {
            throw new RejectedInput("timestamp is null");
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            throw new RejectedInput("timestamp " + JsonReasons.quote(p.getText())
                    + " is not whole epoch milliseconds");
        }
        throw new RejectedInput("timestamp must be an ISO-8601 string or epoch milliseconds, found "
                + JsonReasons.kind(value));
    }

    private static String requiredString(JsonParser p, JsonToken value, String field)
            throws IOException, RejectedInput {
        if (value == JsonToken.VALUE_NULL) {
            throw new RejectedInput(field + " is null");
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new RejectedInput(field + " must be a string, found " + JsonReasons.kind(value));
        }
        String text = p.getText();
        if (text.isBlank()) {
            throw new RejectedInput(field + " is blank");
        }
        return text;
    }

    /** The key's raw text; whether it fits the table's key type is checked once the table is known. */
    private static String keyText(JsonParser p, JsonToken value) throws IOException, RejectedInput {
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getText();
        }
        return requiredString(p, value, "partition_key");
    }

    /** The index of the configured table a string value names, matched in the parser's buffer; -1 for anything else. */
    private int knownTable(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            return -1;
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        for (int i = 0; i < tableNames.length; i++) {
            if (CanonicalNames.sameChars(tableNames[i], chars, offset, length)) {
                return i;
            }
        }
        return -1;
    }

    private CanonicalNames columnNames() {
        CanonicalNames names = columnNames;
        if (names == null) {
            names = new CanonicalNames();
            columnNames = names;
        }
        return names;
    }

    private static String typedKey(KeyType type, JsonToken token, String text) throws RejectedInput {
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            throw new RejectedInput("partition_key " + text + " is not a whole number (key type "
                    + type.configName() + ")");
        }
        if (type == KeyType.LONG && isCanonicalLong(text)) {
            return text; // what parse(text).text() would give, without the round trip (~7% of the job's CPU)
        }
        try {
            return type.parse(text).text();
        } catch (InvalidKeyException e) {
            throw new RejectedInput("partition_key " + JsonReasons.quote(text) + " is not a " + type.configName());
        }
    }

    /**
     * Whether {@code text} is exactly what {@code Long.toString} prints for its value: an optional
     * minus, no leading zero, no sign on zero, no spaces. At most 18 digits, so it cannot overflow;
     * longer keys take the general path.
     */
    static boolean isCanonicalLong(String text) {
        int n = text.length();
        int start = n > 0 && text.charAt(0) == '-' ? 1 : 0;
        int digits = n - start;
        if (digits < 1 || digits > 18 || (text.charAt(start) == '0' && (digits > 1 || start == 1))) {
            return false;
        }
        for (int i = start; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The columns as an immutable list that {@link AccessRecord} keeps without copying (one or two: no array). */
    private static List<String> columns(JsonParser p, JsonToken value, CanonicalNames names)
            throws IOException, RejectedInput {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (value != JsonToken.START_ARRAY) {
            throw new RejectedInput("accessed_columns must be an array of strings, found " + JsonReasons.kind(value));
        }
        String first = null;
        String second = null;
        List<String> more = null;
        JsonToken t;
        for (int i = 0; (t = p.nextToken()) != JsonToken.END_ARRAY; i++) {
            if (t != JsonToken.VALUE_STRING) {
                throw new RejectedInput("accessed_columns[" + i + "] must be a string, found " + JsonReasons.kind(t));
            }
            String column = names.get(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (column == null) {
                throw new RejectedInput("accessed_columns[" + i + "] is blank");
            }
            if (i == 0) {
                first = column;
            } else if (i == 1) {
                second = column;
            } else {
                if (more == null) {
                    more = new ArrayList<>(8);
                    more.add(first);
                    more.add(second);
                }
                more.add(column);
            }
        }
        if (more != null) {
            return List.copyOf(more);
        }
        return first == null ? List.of() : second == null ? List.of(first) : List.of(first, second);
    }

    private static AccessOp op(JsonParser p, JsonToken value) throws IOException, RejectedInput {
        if (value == JsonToken.VALUE_NULL) {
            return AccessOp.UNSPECIFIED;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new RejectedInput("op must be \"read\" or \"write\", found " + JsonReasons.kind(value));
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        if (CanonicalNames.sameChars("read", chars, offset, length)) {
            return AccessOp.READ;
        }
        if (CanonicalNames.sameChars("write", chars, offset, length)) {
            return AccessOp.WRITE;
        }
        String text = p.getText();
        try {
            return AccessOp.fromName(text);
        } catch (IllegalArgumentException e) {
            throw new RejectedInput("op " + JsonReasons.quote(text) + " is not read or write");
        }
    }

    private String unknownTable(String name) {
        return JsonReasons.clip("unknown table " + JsonReasons.quote(name) + " (configured: "
                + String.join(", ", new TreeSet<>(keyTypes.keySet())) + ")");
    }
}
