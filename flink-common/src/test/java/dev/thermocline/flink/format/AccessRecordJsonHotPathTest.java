package dev.thermocline.flink.format;

import static dev.thermocline.flink.format.TestTables.CLOCK;
import static dev.thermocline.flink.format.TestTables.TABLES;
import static dev.thermocline.flink.format.TestTables.deadLetter;
import static dev.thermocline.flink.format.TestTables.utf8;
import static dev.thermocline.flink.format.TestTables.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.access.AccessOp;
import dev.thermocline.core.access.AccessRecord;
import dev.thermocline.core.input.Parsed;
import dev.thermocline.core.key.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parser's shortcuts for valid records (canonical long keys kept as they are, names matched in
 * the parser's buffer) give exactly what the general path gives, which is the oracle here.
 */
class AccessRecordJsonHotPathTest {

    private final AccessRecordJson parser = new AccessRecordJson(TABLES, CLOCK);

    @Test
    void longKeysComeOutAsKeyTypeParseThenTextWouldPrintThemOrAreRejectedWhenItWouldFail() {
        Random random = new Random(20261203L);
        String alphabet = "0123456789-+ 0";
        List<String> keys = new ArrayList<>(List.of("0", "-0", "00", "007", "-007", "+5", " 5", "5 ", "-", "",
                "999999999999999999", "-999999999999999999", "1000000000000000000", "9223372036854775807",
                "-9223372036854775808", "9223372036854775808", "-9223372036854775809", "12345678901234567890"));
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(22);
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            keys.add(sb.toString());
        }
        for (String key : keys) {
            String expected;
            try {
                expected = KeyType.LONG.parse(key).text();
            } catch (IllegalArgumentException e) {
                expected = null;
            }
            Parsed<AccessRecord> parsed = parser.parse(utf8(
                    "{\"timestamp\":0,\"table_name\":\"orders\",\"partition_key\":\"" + key + "\"}"), "test");
            if (expected == null) {
                assertThat(deadLetter(parsed).reason()).as("key '%s'", key)
                        .isEqualTo(key.isBlank() ? "partition_key is blank" : "partition_key '" + key + "' is not a long");
            } else {
                assertThat(value(parsed).partitionKey()).as("key '%s'", key).isEqualTo(expected);
            }
            assertThat(AccessRecordJson.isCanonicalLong(key)).as("key '%s'", key)
                    .isEqualTo(key.equals(expected) && key.replace("-", "").length() <= 18);
        }
    }

    @Test
    void namesComeOutAsOneInstanceEachAndEqualToTheirText() {
        String json = "{\"timestamp\":0,\"table_name\":\"orders\",\"partition_key\":1,"
                + "\"accessed_columns\":[\"status\",\"total\",\"stätus\",\"status\"],\"op\":\"write\"}";
        AccessRecord first = value(parser.parse(utf8(json), "test"));
        AccessRecord second = value(parser.parse(utf8(json), "test"));

        assertThat(first.accessedColumns()).containsExactly("status", "total", "stätus", "status");
        assertThat(first.op()).isEqualTo(AccessOp.WRITE);
        assertThat(second.tableName()).isSameAs(first.tableName());
        for (int i = 0; i < 4; i++) {
            assertThat(second.accessedColumns().get(i)).isSameAs(first.accessedColumns().get(i));
        }
    }

    @Test
    void opsInOtherSpellingsStillReadAsTheGeneralPathReadsThem() {
        assertThat(op("\"READ\"")).isEqualTo(AccessOp.READ);
        assertThat(op("\" Write \"")).isEqualTo(AccessOp.WRITE);
        assertThat(op("\"\"")).isEqualTo(AccessOp.UNSPECIFIED);
        assertThat(deadLetter(parser.parse(utf8("{\"timestamp\":0,\"table_name\":\"orders\",\"partition_key\":1,"
                + "\"op\":\"reads\"}"), "test")).reason()).isEqualTo("op 'reads' is not read or write");
    }

    @Test
    void tableNamesMatchOnlyExactlyAndUnknownOnesAreStillNamed() {
        assertThat(deadLetter(parser.parse(utf8("{\"timestamp\":0,\"table_name\":\"order\",\"partition_key\":1}"), "test"))
                .reason()).startsWith("unknown table 'order' (configured: ");
        assertThat(deadLetter(parser.parse(utf8("{\"timestamp\":0,\"table_name\":\"orders \",\"partition_key\":1}"), "test"))
                .reason()).startsWith("unknown table 'orders ' (configured: ");
    }

    @Test
    void columnNamesBeyondTheCacheAndBlankOnesAreHandledAsBefore() {
        for (int i = 0; i < 3 * CanonicalNames.MAX_NAMES; i++) {
            String column = "c" + i;
            AccessRecord access = value(parser.parse(utf8("{\"timestamp\":0,\"table_name\":\"orders\",\"partition_key\":1,"
                    + "\"accessed_columns\":[\"" + column + "\"]}"), "test"));
            assertThat(access.accessedColumns()).containsExactly(column);
        }
        assertThat(deadLetter(parser.parse(utf8("{\"timestamp\":0,\"table_name\":\"orders\",\"partition_key\":1,"
                + "\"accessed_columns\":[\"status\",\" \\t\"]}"), "test")).reason()).isEqualTo("accessed_columns[1] is blank");
    }

    private AccessOp op(String json) {
        return value(parser.parse(utf8("{\"timestamp\":0,\"table_name\":\"orders\",\"partition_key\":1,\"op\":" + json + "}"),
                "test")).op();
    }
}
