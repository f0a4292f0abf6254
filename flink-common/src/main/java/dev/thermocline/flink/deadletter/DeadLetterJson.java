package dev.thermocline.flink.deadletter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermocline.core.input.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * A dead letter as one JSON object, the value format of the dead-letter Kafka topic:
 *
 * <pre>{"source":"kafka:access/3@1042","reason":"unknown table 'ordrs' (configured: orders)",
 *  "received_at":"2026-11-24T10:31:08.002Z","job":"heatmap","raw":"eyJ0Y…","raw_text":"{\"t…"}</pre>
 *
 * <p>{@code raw} (base64) is authoritative and always present; {@code raw_text} is the same bytes as
 * text, present only when they are valid UTF-8, for people reading the topic. {@code job} is
 * optional.
 */
public final class DeadLetterJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

    private DeadLetterJson() {}

    public static byte[] toJson(DeadLetter deadLetter) {
        return toJson(deadLetter, null);
    }

    /** @param job the job that rejected the record; omitted when null */
    public static byte[] toJson(DeadLetter deadLetter, String job) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(deadLetter.raw().length * 2 + 256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("source", deadLetter.source());
            g.writeStringField("reason", deadLetter.reason());
            g.writeStringField("received_at", deadLetter.receivedAt().toString());
            if (job != null) {
                g.writeStringField("job", job);
            }
            g.writeStringField("raw", Base64.getEncoder().encodeToString(deadLetter.raw()));
            String text = utf8OrNull(deadLetter.raw());
            if (text != null) {
                g.writeStringField("raw_text", text);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead letter " + deadLetter, e);
        }
        return out.toByteArray();
    }

    /** Reads back what {@link #toJson} wrote; the message names the first missing or bad field. */
    public static DeadLetter fromJson(byte[] json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("dead letter is not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("dead letter is not a JSON object");
        }
        String source = field(node, "source");
        String reason = field(node, "reason");
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(field(node, "raw"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dead letter field 'raw' is not base64: " + e.getMessage(), e);
        }
        String receivedAt = field(node, "received_at");
        try {
            return new DeadLetter(source, reason, raw, Instant.parse(receivedAt));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "dead letter field 'received_at' is not an ISO-8601 instant: '" + receivedAt + "'", e);
        }
    }

    /** The job field, or null when the dead letter has none. */
    public static String job(byte[] json) {
        try {
            JsonNode job = MAPPER.readTree(json).get("job");
            return job == null || job.isNull() ? null : job.asText();
        } catch (IOException e) {
            throw new IllegalArgumentException("dead letter is not JSON", e);
        }
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("dead letter field '" + name + "' is missing or not a string");
        }
        return value.textValue();
    }

    /** Strict decoding: Java's String constructor would silently replace malformed bytes. */
    static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
