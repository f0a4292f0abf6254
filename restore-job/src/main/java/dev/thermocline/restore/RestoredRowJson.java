package dev.thermocline.restore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.reconstruct.RowState;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON-lines format of restored rows (DESIGN.md's contract): one object per row,
 * {@code {"key": …, "row": {…after-image…}, "lsn": …, "ts": "…ISO-8601…"}} — the key a JSON number
 * for long keys and a string for string keys, the row the after-image object itself (it is stored
 * as canonical JSON text, so it is embedded as is, not quoted).
 */
final class RestoredRowJson {

    private static final JsonFactory JSON = new JsonFactory();

    private RestoredRowJson() {}

    /**
     * Writes restored rows as lines of UTF-8 into a stream. The after-image goes out as its own
     * UTF-8 bytes and the rest through one reused ASCII buffer: no per-row String of the whole line,
     * no charset encoder, no date formatter — writing the lines was a third of a restore's CPU time.
     */
    static final class Lines {
        private static final byte[] KEY = ascii("{\"key\":");
        private static final byte[] ROW = ascii(",\"row\":");
        private static final byte[] LSN = ascii(",\"lsn\":");
        private static final byte[] TS = ascii(",\"ts\":\"");

        private final OutputStream out;
        private final byte[] scratch = new byte[128];

        Lines(OutputStream out) {
            this.out = out;
        }

        void write(RowState row) throws IOException {
            int n = put(KEY, 0);
            if (row.key() instanceof LongKey l) {
                n = put(l.value(), n);
                out.write(scratch, 0, n);
            } else {
                scratch[n++] = '"';
                out.write(scratch, 0, n);
                out.write(JsonStringEncoder.getInstance().quoteAsUTF8(row.key().text()));
                out.write('"');
            }
            out.write(ROW);
            out.write(row.row().getBytes(StandardCharsets.UTF_8));
            n = put(LSN, 0);
            n = put(row.position().lsn(), n);
            n = put(TS, n);
            n = IsoInstantText.write(row.timestamp(), scratch, n);
            scratch[n++] = '"';
            scratch[n++] = '}';
            scratch[n++] = '\n';
            out.write(scratch, 0, n);
        }

        private int put(byte[] bytes, int at) {
            System.arraycopy(bytes, 0, scratch, at, bytes.length);
            return at + bytes.length;
        }

        /** A long in decimal; at most 20 bytes. */
        private int put(long value, int at) {
            if (value == Long.MIN_VALUE) {
                return put(ascii(Long.toString(value)), at);
            }
            if (value < 0) {
                scratch[at++] = '-';
                value = -value;
            }
            int end = at + digitCount(value);
            for (int i = end - 1; i >= at; i--) {
                scratch[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            return end;
        }

        private static int digitCount(long value) {
            int n = 1;
            while (value >= 10) {
                value /= 10;
                n++;
            }
            return n;
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** The key of a line this class wrote (its first field), to merge parts in key order. */
    static Key key(String line, KeyType type) {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || !"key".equals(p.currentName())) {
                throw new IllegalArgumentException("restored row line does not start with \"key\": " + line);
            }
            p.nextToken();
            return type == KeyType.LONG ? Key.of(p.getLongValue()) : Key.of(p.getText());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable restored row line: " + line, e);
        }
    }
}
