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
import java.io.UncheckedIOException;

/**
 * The JSON-lines format of restored rows (DESIGN.md's contract): one object per row,
 * {@code {"key": …, "row": {…after-image…}, "lsn": …, "ts": "…ISO-8601…"}} — the key a JSON number
 * for long keys and a string for string keys, the row the after-image object itself (it is stored
 * as canonical JSON text, so it is embedded as is, not quoted).
 */
final class RestoredRowJson {

    private static final JsonFactory JSON = new JsonFactory();

    private RestoredRowJson() {}

    static String line(RowState row) {
        StringBuilder sb = new StringBuilder(row.row().length() + 64);
        sb.append("{\"key\":");
        if (row.key() instanceof LongKey l) {
            sb.append(l.value());
        } else {
            sb.append('"').append(JsonStringEncoder.getInstance().quoteAsString(row.key().text())).append('"');
        }
        return sb.append(",\"row\":").append(row.row())
                .append(",\"lsn\":").append(row.position().lsn())
                .append(",\"ts\":\"").append(row.timestamp()).append("\"}")
                .toString();
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
