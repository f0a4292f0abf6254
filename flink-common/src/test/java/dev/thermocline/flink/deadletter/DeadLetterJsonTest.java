package dev.thermocline.flink.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermocline.core.input.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeadLetterJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-24T10:31:08.002Z");

    @Test
    void writesSourceReasonTimeJobBase64AndTextOfUtf8Bytes() throws Exception {
        byte[] raw = "{\"table_name\":\"ordrs\",\"note\":\"café\"}".getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = new DeadLetter("kafka:access/3@1042", "unknown table 'ordrs'", raw, AT);

        JsonNode json = MAPPER.readTree(DeadLetterJson.toJson(letter, "heatmap"));

        assertThat(json.get("source").textValue()).isEqualTo("kafka:access/3@1042");
        assertThat(json.get("reason").textValue()).isEqualTo("unknown table 'ordrs'");
        assertThat(json.get("received_at").textValue()).isEqualTo("2026-11-24T10:31:08.002Z");
        assertThat(json.get("job").textValue()).isEqualTo("heatmap");
        assertThat(Base64.getDecoder().decode(json.get("raw").textValue())).isEqualTo(raw);
        assertThat(json.get("raw_text").textValue()).isEqualTo("{\"table_name\":\"ordrs\",\"note\":\"café\"}");
        assertThat(DeadLetterJson.job(DeadLetterJson.toJson(letter, "heatmap"))).isEqualTo("heatmap");
    }

    @Test
    void invalidUtf8HasNoRawTextAndNoJobMeansNoJobField() throws Exception {
        byte[] raw = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        JsonNode json = MAPPER.readTree(DeadLetterJson.toJson(new DeadLetter("s", "r", raw, AT)));

        assertThat(json.has("raw_text")).isFalse();
        assertThat(json.has("job")).isFalse();
        assertThat(Base64.getDecoder().decode(json.get("raw").textValue())).isEqualTo(raw);
    }

    @Test
    void roundTripsArbitraryBytesAndText() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] raw = new byte[random.nextInt(200)];
            random.nextBytes(raw);
            if (i % 2 == 0) {
                raw = randomText(random).getBytes(StandardCharsets.UTF_8);
            }
            DeadLetter letter = new DeadLetter("src \"" + i + "\"\n", randomText(random), raw,
                    Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000)));

            assertThat(DeadLetterJson.fromJson(DeadLetterJson.toJson(letter, i % 3 == 0 ? null : "job"))).isEqualTo(letter);
        }
    }

    @Test
    void readingBackNamesTheBadField() {
        assertThatThrownBy(() -> DeadLetterJson.fromJson("{\"source\":\"s\",\"raw\":\"\",\"received_at\":\"2026-01-01T00:00:00Z\"}"
                        .getBytes(StandardCharsets.UTF_8)))
                .hasMessage("dead letter field 'reason' is missing or not a string");
        assertThatThrownBy(() -> DeadLetterJson.fromJson(
                        "{\"source\":\"s\",\"reason\":\"r\",\"raw\":\"%%\",\"received_at\":\"2026-01-01T00:00:00Z\"}"
                                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("dead letter field 'raw' is not base64");
        assertThatThrownBy(() -> DeadLetterJson.fromJson(
                        "{\"source\":\"s\",\"reason\":\"r\",\"raw\":\"\",\"received_at\":\"noon\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("dead letter field 'received_at' is not an ISO-8601 instant: 'noon'");
        assertThatThrownBy(() -> DeadLetterJson.fromJson("[]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("dead letter is not a JSON object");
    }

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
            int cp = random.nextInt(10) == 0 ? 0x1F600 + random.nextInt(50) : 0x20 + random.nextInt(0x2000);
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 'x';
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
