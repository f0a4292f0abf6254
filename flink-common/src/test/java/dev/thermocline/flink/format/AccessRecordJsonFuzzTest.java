package dev.thermocline.flink.format;

import static dev.thermocline.flink.format.TestTables.CLOCK;
import static dev.thermocline.flink.format.TestTables.NOW;
import static dev.thermocline.flink.format.TestTables.TABLES;
import static dev.thermocline.flink.format.TestTables.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.thermocline.core.access.AccessOp;
import dev.thermocline.core.access.AccessRecord;
import dev.thermocline.core.input.Parsed;
import dev.thermocline.core.key.KeyType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Damaged access records never make the parser throw; each becomes a value or a dead letter with a
 * reason and the exact bytes, and which one agrees with an independent tree-based reading of the
 * format's rules.
 */
class AccessRecordJsonFuzzTest {

    private static final ObjectMapper TREE = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final List<byte[]> VALID = List.of(
            utf8("{\"timestamp\": \"2026-11-24T10:31:07.123Z\", \"table_name\": \"orders\", "
                    + "\"partition_key\": \"10452\", \"accessed_columns\": [\"status\",\"total\"], \"op\": \"read\"}"),
            utf8("{\"timestamp\":1795516267123,\"table_name\":\"accounts\",\"partition_key\":\"ACME-7\",\"op\":\"write\"}"),
            utf8("{\"op\":null,\"partition_key\":77,\"extra\":{\"a\":[1,{\"b\":null}]},\"table_name\":\"customers\","
                    + "\"timestamp\":\"2026-11-24T11:31:07+01:00\",\"accessed_columns\":[]}"));

    private final AccessRecordJson parser = new AccessRecordJson(TABLES, CLOCK, 4096);

    @Test
    void mutatedRecordsNeverThrowAndAgreeWithTheTreeOracle() {
        Mutations mutations = new Mutations(20261124L);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 12_000; i++) {
            byte[] original = VALID.get(i % VALID.size());
            byte[] raw = mutations.mutate(original);
            byte[] copy = raw.clone();
            String source = "fuzz:" + i;

            Parsed<AccessRecord> parsed = parser.parse(raw, source);

            Optional<AccessRecord> expected = oracle(raw);
            if (parsed instanceof Parsed.Rejected<AccessRecord> r) {
                rejected++;
                assertThat(r.deadLetter().reason()).as(source).isNotBlank();
                assertThat(r.deadLetter().raw()).as(source).isSameAs(raw).isEqualTo(copy);
                assertThat(r.deadLetter().source()).isEqualTo(source);
                assertThat(r.deadLetter().receivedAt()).isEqualTo(NOW);
                // The strict oracle refuses any duplicate field; the parser only duplicates of its own.
                if (expected.isPresent() && !hasDuplicateField(raw)) {
                    throw new AssertionError("rejected but valid: " + new String(raw) + " → " + r.deadLetter().reason());
                }
            } else {
                accepted++;
                AccessRecord value = ((Parsed.Ok<AccessRecord>) parsed).value();
                if (expected.isPresent() || !hasDuplicateField(raw)) {
                    assertThat(Optional.of(value)).as("accepted " + new String(raw)).isEqualTo(expected);
                }
            }
        }
        // Both outcomes must be exercised, or the test proves little.
        assertThat(accepted).isGreaterThan(300);
        assertThat(rejected).isGreaterThan(3_000);
    }

    @Test
    void everyValidSampleParses() {
        for (byte[] raw : VALID) {
            assertThat(parser.parse(raw, "x")).isInstanceOf(Parsed.Ok.class);
            assertThat(oracle(raw)).isPresent();
        }
    }

    /** The format's rules, read from a Jackson tree: the record it describes, or empty when invalid. */
    static Optional<AccessRecord> oracle(byte[] raw) {
        try {
            JsonNode n = TREE.readTree(raw);
            if (n == null || !n.isObject()) {
                return Optional.empty();
            }
            JsonNode table = n.get("table_name");
            if (table == null || !table.isTextual() || !TABLES.containsKey(table.textValue())) {
                return Optional.empty();
            }
            Instant ts = timestamp(n.get("timestamp"));
            String key = key(n.get("partition_key"), TABLES.get(table.textValue()).keyType());
            List<String> columns = columns(n.get("accessed_columns"));
            JsonNode op = n.get("op");
            AccessOp accessOp = op == null || op.isNull() ? AccessOp.UNSPECIFIED
                    : op.isTextual() ? AccessOp.fromName(op.textValue()) : null;
            if (ts == null || key == null || columns == null || accessOp == null) {
                return Optional.empty();
            }
            return Optional.of(new AccessRecord(ts, table.textValue(), key, columns, accessOp));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Instant timestamp(JsonNode n) {
        Instant t = null;
        if (n != null && n.isTextual()) {
            t = Instant.parse(n.textValue().trim());
        } else if (n != null && n.isIntegralNumber() && n.canConvertToLong()) {
            t = Instant.ofEpochMilli(n.longValue());
        }
        return t == null || t.isBefore(MIN) || t.isAfter(MAX) ? null : t;
    }

    private static String key(JsonNode n, KeyType type) {
        if (n == null || !(n.isTextual() || n.isIntegralNumber())) {
            return null;
        }
        String text = n.isTextual() ? n.textValue() : n.asText();
        return text.isBlank() ? null : type.parse(text).text();
    }

    private static List<String> columns(JsonNode n) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode c : n) {
            if (!c.isTextual() || c.textValue().isBlank()) {
                return null;
            }
            out.add(c.textValue());
        }
        return out;
    }

    /** Any duplicate field name, at any depth. */
    private static boolean hasDuplicateField(byte[] raw) {
        try {
            TREE.readTree(raw);
            return false;
        } catch (Exception e) {
            return e.getMessage() != null && e.getMessage().contains("Duplicate field");
        }
    }
}
