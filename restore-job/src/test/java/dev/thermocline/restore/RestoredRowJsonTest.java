package dev.thermocline.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.reconstruct.RowState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written line writer against Jackson and {@link Instant#toString()} as oracles. */
class RestoredRowJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void instantsAreWrittenExactlyAsInstantToStringWritesThem() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(0, 1),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("2000-02-29T12:00:00.120Z"), Instant.parse("1900-03-01T00:00:00.000001Z"),
                Instant.parse("2024-12-31T23:59:59.5Z"), Instant.MIN, Instant.MAX, Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"));
        for (Instant t : edges) {
            assertThat(text(t)).as("%s", t).isEqualTo(t.toString());
        }
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long seconds = i % 2 == 0 ? random.nextLong(-62_167_219_200L, 253_402_300_800L) // years 0000..9999
                    : random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(seconds, nanos);
            assertThat(text(t)).as("%s (seed 42, case %d)", t, i).isEqualTo(t.toString());
        }
    }

    @Test
    void linesEqualWhatJacksonWritesForTheSameRow() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            Key key = i % 2 == 0 ? Key.of(i % 10 == 0 ? Long.MIN_VALUE + i : random.nextLong()) : Key.of(randomText(random));
            ObjectNode after = JSON.createObjectNode().put("id", i).put("note", randomText(random));
            RowState row = RowState.live(key, JSON.writeValueAsString(after), new ChangePosition(random.nextLong(1, Long.MAX_VALUE), 0),
                    Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000_000)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new RestoredRowJson.Lines(out).write(row);
            String line = out.toString(StandardCharsets.UTF_8);

            ObjectNode expected = JSON.createObjectNode();
            if (key.type() == KeyType.LONG) {
                expected.put("key", Long.parseLong(key.text()));
            } else {
                expected.put("key", key.text());
            }
            expected.set("row", after);
            expected.put("lsn", row.position().lsn());
            expected.put("ts", row.timestamp().toString());
            assertThat(line).as("seed 7, case %d", i).endsWith("\n").doesNotContain("\r");
            assertThat(JSON.readTree(line)).as("seed 7, case %d: %s", i, line).isEqualTo(expected);
            assertThat(line).startsWith("{\"key\":"); // the merge reads the key as the first field
            assertThat(RestoredRowJson.key(line.strip(), key.type())).isEqualTo(key);
        }
    }

    private static String text(Instant t) {
        byte[] out = new byte[IsoInstantText.MAX_LENGTH + 2];
        out[0] = '>';
        int end = IsoInstantText.write(t, out, 1);
        return new String(out, 1, end - 1, StandardCharsets.US_ASCII);
    }

    /** Text with quotes, backslashes, control characters and non-ASCII (2-, 3- and 4-byte UTF-8). */
    private static String randomText(Random random) {
        String alphabet = "ab\"\\\n\t\u0001é€\uD83D\uDE00z ";
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c)) {
                sb.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
