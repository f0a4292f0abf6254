package dev.thermocline.flink.format;

import static dev.thermocline.flink.format.TestTables.CLOCK;
import static dev.thermocline.flink.format.TestTables.NOW;
import static dev.thermocline.flink.format.TestTables.TABLES;
import static dev.thermocline.flink.format.TestTables.deadLetter;
import static dev.thermocline.flink.format.TestTables.utf8;
import static dev.thermocline.flink.format.TestTables.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.access.AccessOp;
import dev.thermocline.core.access.AccessRecord;
import dev.thermocline.core.input.DeadLetter;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessRecordJsonTest {

    private final AccessRecordJson parser = new AccessRecordJson(TABLES, CLOCK);

    private AccessRecord parse(String json) {
        return value(parser.parse(utf8(json), "test"));
    }

    private DeadLetter reject(String json) {
        return deadLetter(parser.parse(utf8(json), "test"));
    }

    @Test
    void readsTheDesignExampleWithAnIsoTimestamp() {
        AccessRecord r = parse("""
                {"timestamp": "2026-11-24T10:31:07.123Z", "table_name": "orders",
                 "partition_key": "10452", "accessed_columns": ["status","total"], "op": "read"}""");

        assertThat(r).isEqualTo(new AccessRecord(Instant.parse("2026-11-24T10:31:07.123Z"), "orders", "10452",
                List.of("status", "total"), AccessOp.READ));
    }

    @Test
    void readsEpochMillisAndOffsetTimestamps() {
        assertThat(parse("{\"timestamp\":1795516267123,\"table_name\":\"orders\",\"partition_key\":1}").timestamp())
                .isEqualTo(Instant.ofEpochMilli(1795516267123L));
        assertThat(parse("{\"timestamp\":\"2026-11-24T11:31:07+01:00\",\"table_name\":\"orders\",\"partition_key\":1}")
                        .timestamp())
                .isEqualTo(Instant.parse("2026-11-24T10:31:07Z"));
    }

    @Test
    void longKeysMayBeNumbersOrStringsAndAreKeptCanonical() {
        assertThat(parse("{\"timestamp\":0,\"table_name\":\"orders\",\"partition_key\":10452}").partitionKey())
                .isEqualTo("10452");
        assertThat(parse("{\"timestamp\":0,\"table_name\":\"orders\",\"partition_key\":\" 0042\"}").partitionKey())
                .isEqualTo("42");
        assertThat(parse("{\"timestamp\":0,\"table_name\":\"orders\",\"partition_key\":-7}").partitionKey())
                .isEqualTo("-7");
    }

    @Test
    void stringKeysAreKeptVerbatimAndIntegersByTheirText() {
        assertThat(parse("{\"timestamp\":0,\"table_name\":\"accounts\",\"partition_key\":\" ACME-7\"}").partitionKey())
                .isEqualTo(" ACME-7");
        assertThat(parse("{\"timestamp\":0,\"table_name\":\"accounts\",\"partition_key\":10452}").partitionKey())
                .isEqualTo("10452");
    }

    @Test
    void optionalFieldsDefaultAndUnknownFieldsAreIgnored() {
        AccessRecord r = parse("""
                {"user": {"id": 7, "roles": ["a", {"x": [1, 2]}]}, "timestamp": 5, "table_name": "orders",
                 "partition_key": 1, "op": null, "accessed_columns": null, "extra": [true, null]}""");

        assertThat(r.accessedColumns()).isEmpty();
        assertThat(r.op()).isEqualTo(AccessOp.UNSPECIFIED);
        assertThat(parse("{\"timestamp\":5,\"table_name\":\"orders\",\"partition_key\":1,\"op\":\"WRITE\"}").op())
                .isEqualTo(AccessOp.WRITE);
        assertThat(parse("{\"timestamp\":5,\"table_name\":\"orders\",\"partition_key\":1,\"accessed_columns\":[]}")
                        .accessedColumns())
                .isEmpty();
    }

    @Test
    void allowsWhitespaceAroundTheObject() {
        assertThat(parse("  {\"timestamp\":5,\"table_name\":\"orders\",\"partition_key\":1}\n").partitionKey())
                .isEqualTo("1");
    }

    static Stream<Arguments> rejections() {
        String ok = "\"timestamp\":0,\"table_name\":\"orders\"";
        return Stream.of(
                Arguments.of("{\"timestamp\":0,\"table_name\":\"ordrs\",\"partition_key\":1}",
                        "unknown table 'ordrs' (configured: DEBEZIUM.CUSTOMERS, accounts, customers, orders)"),
                Arguments.of("{" + ok + ",\"partition_key\":\"abc\"}", "partition_key 'abc' is not a long"),
                Arguments.of("{" + ok + ",\"partition_key\":99999999999999999999}",
                        "partition_key '99999999999999999999' is not a long"),
                Arguments.of("{" + ok + ",\"partition_key\":1.5}", "partition_key 1.5 is not a whole number (key type long)"),
                Arguments.of("{" + ok + "}", "partition_key missing"),
                Arguments.of("{" + ok + ",\"partition_key\":null}", "partition_key is null"),
                Arguments.of("{" + ok + ",\"partition_key\":\"  \"}", "partition_key is blank"),
                Arguments.of("{" + ok + ",\"partition_key\":{\"id\":1}}", "partition_key must be a string, found an object"),
                Arguments.of("{\"table_name\":\"orders\",\"partition_key\":1}", "timestamp missing"),
                Arguments.of("{\"timestamp\":null,\"table_name\":\"orders\",\"partition_key\":1}", "timestamp is null"),
                Arguments.of("{\"timestamp\":\"yesterday\",\"table_name\":\"orders\",\"partition_key\":1}",
                        "timestamp 'yesterday' is not an ISO-8601 instant (e.g. 2026-11-24T10:31:07.123Z) or epoch milliseconds"),
                Arguments.of("{\"timestamp\":1.5,\"table_name\":\"orders\",\"partition_key\":1}",
                        "timestamp '1.5' is not whole epoch milliseconds"),
                Arguments.of("{\"timestamp\":true,\"table_name\":\"orders\",\"partition_key\":1}",
                        "timestamp must be an ISO-8601 string or epoch milliseconds, found a boolean"),
                Arguments.of("{\"timestamp\":253402300800000,\"table_name\":\"orders\",\"partition_key\":1}",
                        "timestamp '253402300800000' is outside years 1-9999"),
                Arguments.of("{\"timestamp\":123456789012345678901234,\"table_name\":\"orders\",\"partition_key\":1}",
                        "timestamp '123456789012345678901234' is outside years 1-9999"),
                Arguments.of("{\"timestamp\":0,\"partition_key\":1}", "table_name missing"),
                Arguments.of("{\"timestamp\":0,\"table_name\":\"\",\"partition_key\":1}", "table_name is blank"),
                Arguments.of("{\"timestamp\":0,\"table_name\":null,\"partition_key\":1}", "table_name is null"),
                Arguments.of("{\"timestamp\":0,\"table_name\":7,\"partition_key\":1}", "table_name must be a string, found a number"),
                Arguments.of("{" + ok + ",\"partition_key\":1,\"accessed_columns\":\"status\"}",
                        "accessed_columns must be an array of strings, found a string"),
                Arguments.of("{" + ok + ",\"partition_key\":1,\"accessed_columns\":[\"a\",2]}",
                        "accessed_columns[1] must be a string, found a number"),
                Arguments.of("{" + ok + ",\"partition_key\":1,\"accessed_columns\":[\" \"]}", "accessed_columns[0] is blank"),
                Arguments.of("{" + ok + ",\"partition_key\":1,\"op\":\"delete\"}", "op 'delete' is not read or write"),
                Arguments.of("{" + ok + ",\"partition_key\":1,\"op\":1}", "op must be \"read\" or \"write\", found a number"),
                Arguments.of("{" + ok + ",\"partition_key\":1,\"timestamp\":1}", "duplicate field 'timestamp'"),
                Arguments.of("[1,2]", "not a JSON object (found an array)"),
                Arguments.of("\"orders\"", "not a JSON object (found a string)"),
                Arguments.of("null", "not a JSON object (found null)"),
                Arguments.of("   ", "not a JSON object (found nothing)"),
                Arguments.of("{" + ok + ",\"partition_key\":1} {}", "trailing content after the JSON object (an object)"),
                Arguments.of("", "empty record"));
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void rejectsWithAPreciseReason(String json, String reason) {
        assertThat(reject(json).reason()).isEqualTo(reason);
    }

    @Test
    void malformedJsonNamesWhereItBroke() {
        assertThat(reject("{\"timestamp\":0,\"table_name\":\"orders\",\"partition_key\":1").reason())
                .startsWith("malformed JSON at line 1, column ")
                .contains("end-of-input");
        assertThat(reject("{\"timestamp\":0,\n \"table_name\":orders}").reason())
                .startsWith("malformed JSON at line 2, column ")
                .contains("Unrecognized token 'orders'");
        byte[] badUtf8 = {'{', '"', 't', 'a', 'b', 'l', 'e', '_', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertThat(deadLetter(parser.parse(badUtf8, "test")).reason()).startsWith("malformed JSON").contains("UTF-8");
    }

    @Test
    void oversizedRecordsAreRejectedUnread() {
        AccessRecordJson small = new AccessRecordJson(TABLES, CLOCK, 32);
        String json = "{\"timestamp\":0,\"table_name\":\"orders\",\"partition_key\":1}";

        assertThat(deadLetter(small.parse(utf8(json), "test")).reason())
                .isEqualTo("record of " + json.length() + " bytes exceeds the limit of 32 bytes");
        assertThat(value(new AccessRecordJson(TABLES, CLOCK, json.length()).parse(utf8(json), "test")).partitionKey())
                .isEqualTo("1");
    }

    @Test
    void aDeadLetterKeepsTheExactBytesTheSourceAndTheClocksInstant() {
        byte[] raw = utf8("{\"timestamp\":0,\"table_name\":\"ordrs\",\"partition_key\":1}");
        SourceRecord record = SourceRecord.ofKafka(raw, "access", 3, 1042, 0);

        DeadLetter letter = deadLetter(parser.parse(record));

        assertThat(letter.raw()).isEqualTo(raw);
        assertThat(letter.source()).isEqualTo("kafka:access/3@1042");
        assertThat(letter.receivedAt()).isEqualTo(NOW);
        assertThat(deadLetter(parser.parse(SourceRecord.ofKafka(null, "access", 0, 1, 0))).reason())
                .isEqualTo("empty record");
        assertThat(deadLetter(parser.parse(SourceRecord.ofFile("in.jsonl", 17, utf8("x")))).source())
                .isEqualTo("file:in.jsonl:17");
    }
}
