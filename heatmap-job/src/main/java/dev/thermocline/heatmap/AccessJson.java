package dev.thermocline.heatmap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.thermocline.core.access.AccessOp;
import dev.thermocline.core.access.AccessRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An access re-rendered in the access-log format, for dead letters of records rejected after parsing
 * (late, or stamped in the future). The original bytes are not carried past the parser (they would
 * double what every record costs to move); this rendering parses back to the same access.
 */
final class AccessJson {

    private static final JsonFactory JSON = new JsonFactory();

    private AccessJson() {}

    static byte[] render(AccessRecord access) {
        return render(access.timestamp(), access.tableName(), access.partitionKey(), access.accessedColumns(), access.op());
    }

    static byte[] render(AccessInPartition access) {
        return render(Instant.ofEpochMilli(access.timestamp()), access.tableName(), access.key().text(),
                access.accessedColumns(), access.op());
    }

    private static byte[] render(Instant timestamp, String table, String key, List<String> columns, AccessOp op) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("timestamp", timestamp.toString());
            json.writeStringField("table_name", table);
            json.writeStringField("partition_key", key);
            json.writeArrayFieldStart("accessed_columns");
            for (String column : columns) {
                json.writeString(column);
            }
            json.writeEndArray();
            if (op != AccessOp.UNSPECIFIED) {
                json.writeStringField("op", op.name().toLowerCase(Locale.ROOT));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering an access of " + table + " failed", e);
        }
        return bytes.toByteArray();
    }
}
