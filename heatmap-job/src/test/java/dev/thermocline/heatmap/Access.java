package dev.thermocline.heatmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermocline.workload.GeneratedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One access as the test data means it, read from the generated JSON with Jackson's tree model,
 * independently of the job's parser.
 */
record Access(Instant timestamp, String table, long key, String op, List<String> columns, byte[] json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Access of(GeneratedEvent event) {
        return parse(event.json(), event.eventTime());
    }

    static Access parse(byte[] json, Instant timestamp) {
        try {
            JsonNode node = JSON.readTree(json);
            List<String> columns = new ArrayList<>();
            node.path("accessed_columns").forEach(c -> columns.add(c.asText()));
            return new Access(timestamp, node.get("table_name").asText(), Long.parseLong(node.get("partition_key").asText()),
                    node.path("op").asText(""), columns, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same access stamped at {@code at}, epoch millis in the JSON. */
    Access at(Instant at) {
        String text = "{\"timestamp\":" + at.toEpochMilli() + ",\"table_name\":\"" + table + "\",\"partition_key\":\"" + key
                + "\",\"accessed_columns\":" + columnsJson() + (op.isEmpty() ? "" : ",\"op\":\"" + op + "\"") + "}";
        return new Access(at, table, key, op, columns, text.getBytes(StandardCharsets.UTF_8));
    }

    private String columnsJson() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < columns.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(columns.get(i)).append('"');
        }
        return sb.append(']').toString();
    }
}
