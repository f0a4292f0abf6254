package dev.thermocline.flink.format;

import static dev.thermocline.flink.format.TestTables.CLOCK;
import static dev.thermocline.flink.format.TestTables.NOW;
import static dev.thermocline.flink.format.TestTables.TABLES;
import static dev.thermocline.flink.format.TestTables.deadLetter;
import static dev.thermocline.flink.format.TestTables.utf8;
import static dev.thermocline.flink.format.TestTables.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.core.key.Key;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DebeziumChangeJsonTest {

    private final DebeziumChangeJson parser =
            new DebeziumChangeJson(TABLES, Map.of("orders-cdc", "orders"), CLOCK, 1 << 20);

    static byte[] sample(String name) {
        try (InputStream in = DebeziumChangeJsonTest.class.getResourceAsStream("/debezium/" + name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("missing sample " + name, e);
        }
    }

    private ChangeRecord parseSample(String name, long offset) {
        return value(parser.parse(SourceRecord.ofKafka(sample(name), "cdc", 0, offset, 0)));
    }

    private ChangeRecord parse(String json) {
        return value(parser.parse(utf8(json), "test", "cdc", 5));
    }

    private DeadLetter reject(String json) {
        return deadLetter(parser.parse(utf8(json), "test", "cdc", 5));
    }

    @Test
    void postgresCreateUsesTheLsnAndTheCommitTime() {
        assertThat(parseSample("postgres-create.json", 900)).isEqualTo(new ChangeRecord(
                "customers", Key.of(1004L), ChangeOp.CREATE, new ChangePosition(24023128L, 0),
                Instant.ofEpochMilli(1559033904863L),
                "{\"id\":1004,\"first_name\":\"Anne\",\"last_name\":\"Kretchmar\","
                        + "\"email\":\"annek@noanswer.org\",\"balance\":120.50}"));
    }

    @Test
    void postgresUpdateInsideTheSchemaPayloadWrapper() {
        ChangeRecord r = parseSample("postgres-update-wrapped.json", 901);

        assertThat(r.op()).isEqualTo(ChangeOp.UPDATE);
        assertThat(r.key()).isEqualTo(Key.of(1004L));
        assertThat(r.position()).isEqualTo(new ChangePosition(24023200L, 0));
        assertThat(r.timestamp()).isEqualTo(Instant.ofEpochMilli(1559033925512L));
        assertThat(r.row()).isEqualTo("{\"id\":1004,\"first_name\":\"Anne Marie\",\"last_name\":\"Kretchmar\","
                + "\"email\":\"annek@noanswer.org\",\"balance\":99.95}");
    }

    @Test
    void postgresDeleteTakesTheKeyFromBeforeAndHasNoRow() {
        ChangeRecord r = parseSample("postgres-delete.json", 902);

        assertThat(r).isEqualTo(new ChangeRecord("customers", Key.of(1004L), ChangeOp.DELETE,
                new ChangePosition(24023312L, 0), Instant.ofEpochMilli(1559033942861L), null));
    }

    @Test
    void mysqlFoldsBinlogFileAndOffsetIntoTheLsnAndTheRowIntoSeq() {
        ChangeRecord created = parseSample("mysql-create-wrapped.json", 903);
        ChangeRecord updated = parseSample("mysql-update-multirow.json", 904);

        assertThat(created).isEqualTo(new ChangeRecord("orders", Key.of(10452L), ChangeOp.CREATE,
                new ChangePosition(3L << 32 | 154, 0), Instant.ofEpochMilli(1465491411000L),
                "{\"id\":10452,\"status\":\"placed\",\"total\":\"149.90\"}"));
        assertThat(updated.position()).isEqualTo(new ChangePosition(4L << 32 | 484, 2));
        assertThat(updated.op()).isEqualTo(ChangeOp.UPDATE);
    }

    @Test
    void mysqlPositionsOrderByFileThenOffsetThenRow() throws Exception {
        ChangePosition endOfFile3 = position("{\"file\":\"mysql-bin.000003\",\"pos\":4294967295,\"row\":9}");
        ChangePosition startOfFile4 = position("{\"file\":\"mysql-bin.000004\",\"pos\":4}");
        ChangePosition row0 = position("{\"file\":\"mysql-bin.000004\",\"pos\":484,\"row\":0}");
        ChangePosition row1 = position("{\"file\":\"mysql-bin.000004\",\"pos\":484,\"row\":1}");

        assertThat(endOfFile3).isLessThan(startOfFile4);
        assertThat(startOfFile4).isLessThan(row0);
        assertThat(row0).isLessThan(row1);
    }

    private static ChangePosition position(String source) throws Exception {
        return DebeziumChangeJson.position(new ObjectMapper().readTree(source), -1);
    }

    @Test
    void snapshotReadOfAStringKeyedTable() {
        ChangeRecord r = parseSample("mysql-snapshot-read.json", 905);

        assertThat(r).isEqualTo(new ChangeRecord("accounts", Key.of("ACME-0007"), ChangeOp.READ,
                new ChangePosition(12L << 32 | 1577, 0), Instant.ofEpochMilli(1700000000000L),
                "{\"code\":\"ACME-0007\",\"name\":\"Acme Corp\",\"tier\":\"gold\"}"));
    }

    @Test
    void sqlServerHexLsnFallsBackToTheKafkaOffset() {
        ChangeRecord r = parseSample("sqlserver-create.json", 77);

        assertThat(r.tableName()).isEqualTo("customers");
        assertThat(r.key()).isEqualTo(Key.of(1005L));
        assertThat(r.position()).isEqualTo(new ChangePosition(77, 0));
    }

    @Test
    void oracleScnStringIsThePositionAndSchemaQualifiedNamesMatchFirst() {
        ChangeRecord r = parseSample("oracle-update.json", 78);

        assertThat(r.tableName()).isEqualTo("DEBEZIUM.CUSTOMERS");
        assertThat(r.key()).isEqualTo(Key.of(1004L));
        assertThat(r.position()).isEqualTo(new ChangePosition(2122184L, 0));
        assertThat(r.timestamp()).isEqualTo(Instant.ofEpochMilli(1520085154000L));
    }

    @Test
    void genericPositionsAndTimestampFallbacks() {
        String after = "\"after\":{\"id\":1}";
        assertThat(parse("{\"op\":\"c\"," + after + ",\"ts_ms\":10,\"source\":{\"table\":\"orders\",\"pos\":42}}")
                        .position())
                .isEqualTo(new ChangePosition(42, 0));
        assertThat(parse("{\"op\":\"c\"," + after + ",\"ts_ms\":10,\"source\":{\"table\":\"orders\",\"commit_lsn\":\"900\"}}")
                        .position())
                .isEqualTo(new ChangePosition(900, 0));
        ChangeRecord noSourceTime = parse("{\"op\":\"c\"," + after + ",\"ts_ms\":10,\"source\":{\"table\":\"orders\"}}");
        assertThat(noSourceTime.timestamp()).isEqualTo(Instant.ofEpochMilli(10));
        assertThat(noSourceTime.position()).isEqualTo(new ChangePosition(5, 0));
    }

    @Test
    void topicDefaultNamesTheTableOnlyWhenTheSourceDoesNot() {
        String json = "{\"op\":\"c\",\"after\":{\"id\":\"12\"},\"ts_ms\":10}";

        ChangeRecord r = value(parser.parse(utf8(json), "x", "orders-cdc", 3));

        assertThat(r.tableName()).isEqualTo("orders");
        assertThat(r.key()).isEqualTo(Key.of(12L));
        assertThat(deadLetter(parser.parse(utf8(json), "x", "other", 3)).reason())
                .isEqualTo("source.table missing and topic 'other' has no default table");
        assertThatThrownBy(() -> new DebeziumChangeJson(TABLES, Map.of("t", "nope"), CLOCK, 10))
                .hasMessage("topic 't' defaults to table 'nope', which is not configured");
    }

    @Test
    void theRowIsCompactKeepsFieldOrderAndExactNumbers() {
        ChangeRecord r = parse("""
                { "op": "u", "ts_ms": 1,
                  "after": { "z": 1.10, "id": 9, "a": [ 1e3, -0.0, 12345678901234567890123 ],
                             "s": "caf\\u00e9 \\"q\\"", "n": null, "o": { "y": true, "x": false } },
                  "source": { "table": "orders" } }""");

        assertThat(r.row()).isEqualTo("{\"z\":1.10,\"id\":9,\"a\":[1E+3,0.0,12345678901234567890123],"
                + "\"s\":\"café \\\"q\\\"\",\"n\":null,\"o\":{\"y\":true,\"x\":false}}");
    }

    @Test
    void keysMayArriveAsTextOrIntegersAndAreTyped() {
        assertThat(parse("{\"op\":\"c\",\"after\":{\"id\":\" 0042\"},\"ts_ms\":1,\"source\":{\"table\":\"orders\"}}")
                        .key())
                .isEqualTo(Key.of(42L));
        assertThat(parse("{\"op\":\"c\",\"after\":{\"code\":7},\"ts_ms\":1,\"source\":{\"table\":\"accounts\"}}")
                        .key())
                .isEqualTo(Key.of("7"));
    }

    @Test
    void tombstonesAreSkippedByTheFunctionAndRejectedWhenParsedDirectly() {
        for (byte[] tombstone : new byte[][] {null, new byte[0], utf8("{\"schema\":null, \"payload\":null}\n")}) {
            SourceRecord record = SourceRecord.ofKafka(tombstone, "cdc", 1, 8, 0);
            assertThat(parser.skips(record)).isTrue();
            assertThat(deadLetter(parser.parse(record)).reason()).isEqualTo("tombstone");
        }
        assertThat(parser.skips(SourceRecord.ofKafka(sample("postgres-delete.json"), "cdc", 1, 8, 0))).isFalse();
        assertThat(parser.skips(SourceRecord.ofKafka(utf8("{}"), "cdc", 1, 8, 0))).isFalse();
    }

    static Stream<Arguments> rejections() {
        String src = "\"ts_ms\":1,\"source\":{\"table\":\"orders\",\"lsn\":7}";
        return Stream.of(
                Arguments.of("{\"op\":\"c\",\"after\":{\"id\":1},\"ts_ms\":1,\"source\":{\"table\":\"ordrs\"}}",
                        "unknown table 'ordrs' (configured: DEBEZIUM.CUSTOMERS, accounts, customers, orders)"),
                Arguments.of("{\"op\":\"c\",\"after\":{\"oid\":1}," + src + "}", "key column 'id' missing from after"),
                Arguments.of("{\"op\":\"d\",\"before\":{\"oid\":1}," + src + "}", "key column 'id' missing from before"),
                Arguments.of("{\"op\":\"c\",\"after\":{\"id\":null}," + src + "}", "key column 'id' is null in after"),
                Arguments.of("{\"op\":\"c\",\"after\":{\"id\":\"abc\"}," + src + "}", "key column 'id' value 'abc' is not a long"),
                Arguments.of("{\"op\":\"c\",\"after\":{\"id\":1.5}," + src + "}",
                        "key column 'id' value 1.5 is not a whole number (key type long)"),
                Arguments.of("{\"op\":\"c\",\"after\":{\"id\":99999999999999999999}," + src + "}",
                        "key column 'id' value '99999999999999999999' is not a long"),
                Arguments.of("{\"op\":\"c\",\"after\":{\"id\":[1]}," + src + "}",
                        "key column 'id' must be a string or an integer, found an array"),
                Arguments.of("{\"op\":\"c\",\"after\":{\"id\":\" \"}," + src + "}", "key column 'id' is blank in after"),
                Arguments.of("{\"op\":\"x\",\"after\":{\"id\":1}," + src + "}", "op 'x' is not one of c, u, d, r"),
                Arguments.of("{\"op\":\"t\"," + src + "}", "op 't' (truncate) is not supported: it names no row"),
                Arguments.of("{\"op\":\"m\"," + src + "}", "op 'm' (message) is not a row change"),
                Arguments.of("{\"after\":{\"id\":1}," + src + "}", "op missing (not a Debezium change event)"),
                Arguments.of("{\"op\":1,\"after\":{\"id\":1}," + src + "}", "op must be a string, found a number"),
                Arguments.of("{\"op\":\"c\",\"after\":null," + src + "}", "after missing for op 'c'"),
                Arguments.of("{\"op\":\"u\"," + src + "}", "after missing for op 'u'"),
                Arguments.of("{\"op\":\"r\",\"after\":\"{}\"," + src + "}", "after must be an object, found a string"),
                Arguments.of("{\"op\":\"d\",\"before\":null,\"after\":null," + src + "}", "before missing for op 'd'"),
                Arguments.of("{\"op\":\"c\",\"after\":{\"id\":1},\"source\":{\"table\":\"orders\"}}",
                        "timestamp missing (neither source.ts_ms nor ts_ms)"),
                Arguments.of("{\"op\":\"c\",\"after\":{\"id\":1},\"ts_ms\":\"soon\",\"source\":{\"table\":\"orders\"}}",
                        "ts_ms must be whole epoch milliseconds, found a string"),
                Arguments.of("{\"op\":\"c\",\"after\":{\"id\":1},\"source\":{\"table\":\"orders\",\"ts_ms\":1.5}}",
                        "source.ts_ms must be whole epoch milliseconds, found 1.5"),
                Arguments.of("{\"op\":\"c\",\"after\":{\"id\":1},\"source\":{\"table\":\"orders\",\"ts_ms\":-62135596800001}}",
                        "source.ts_ms '-62135596800001' is outside years 1-9999"),
                Arguments.of("{\"op\":\"c\",\"after\":{\"id\":1},\"ts_ms\":1,\"source\":[]}", "source must be an object, found an array"),
                Arguments.of("{\"op\":\"c\",\"after\":{\"id\":1},\"ts_ms\":1,\"source\":{\"table\":5}}",
                        "source.table must be a string, found a number"),
                Arguments.of("{\"schema\":{},\"payload\":[1]}", "payload must be an object, found an array"),
                Arguments.of("{\"schema\":{},\"payload\":null}", "tombstone"),
                Arguments.of("{\"op\":\"c\",\"after\":{\"id\":1},\"ts_ms\":1,\"source\":{\"table\":\"orders\","
                        + "\"file\":\"binlog\",\"pos\":4}}",
                        "source.file 'binlog' does not end in a binlog index (e.g. mysql-bin.000003)"),
                Arguments.of("{\"op\":\"c\",\"after\":{\"id\":1},\"ts_ms\":1,\"source\":{\"table\":\"orders\","
                        + "\"file\":\"mysql-bin.000001\",\"pos\":4294967296}}",
                        "source.pos '4294967296' is not a binlog offset (0 to 2^32-1)"),
                Arguments.of("{\"op\":\"c\",\"after\":{\"id\":1},\"ts_ms\":1,\"source\":{\"table\":\"orders\","
                        + "\"file\":\"mysql-bin.000001\",\"pos\":4,\"row\":-1}}",
                        "source.row '-1' is not a row index"),
                Arguments.of("[{\"op\":\"c\"}]", "not a JSON object (found an array)"),
                Arguments.of("42", "not a JSON object (found a number)"));
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void rejectsWithAPreciseReason(String json, String reason) {
        assertThat(reject(json).reason()).isEqualTo(reason);
    }

    @Test
    void noPositionAndNoOffsetIsRejected() {
        byte[] raw = utf8("{\"op\":\"c\",\"after\":{\"id\":1},\"ts_ms\":1,\"source\":{\"table\":\"orders\"}}");

        assertThat(deadLetter(parser.parse(raw, "file", null, -1)).reason())
                .isEqualTo("no position: source has no file+pos, pos, lsn, scn or commit_lsn and no Kafka offset is known");
    }

    @Test
    void malformedDuplicateTrailingAndOversizedInput() {
        assertThat(reject("{\"op\":\"c\",\"after\":{\"id\":1").reason()).startsWith("malformed JSON at line 1, column ");
        assertThat(reject("{\"op\":\"c\",\"after\":{\"id\":1,\"id\":2},\"ts_ms\":1,\"source\":{\"table\":\"orders\"}}")
                        .reason())
                .startsWith("malformed JSON").contains("Duplicate field 'id'");
        assertThat(reject("{\"op\":\"c\",\"after\":{\"id\":1},\"ts_ms\":1,\"source\":{\"table\":\"orders\"}} x").reason())
                .startsWith("malformed JSON");
        DebeziumChangeJson small = new DebeziumChangeJson(TABLES, Map.of(), CLOCK, 100);
        byte[] big = sample("postgres-create.json");
        assertThat(deadLetter(small.parse(big, "s", "t", 0)).reason())
                .isEqualTo("record of " + big.length + " bytes exceeds the limit of 100 bytes");
    }

    @Test
    void aDeadLetterKeepsTheExactBytesAndTheKafkaCoordinates() {
        byte[] raw = utf8("{\"op\":\"z\"}");

        DeadLetter letter = deadLetter(parser.parse(SourceRecord.ofKafka(raw, "orders-cdc", 2, 31, 0)));

        assertThat(letter.raw()).isSameAs(raw);
        assertThat(letter.source()).isEqualTo("kafka:orders-cdc/2@31");
        assertThat(letter.receivedAt()).isEqualTo(NOW);
    }
}
