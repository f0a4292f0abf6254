package dev.thermocline.flink.format;

import static dev.thermocline.flink.format.TestTables.CLOCK;
import static dev.thermocline.flink.format.TestTables.NOW;
import static dev.thermocline.flink.format.TestTables.TABLES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.input.Parsed;
import dev.thermocline.core.table.TableSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Damaged Debezium events never make the parser throw; each becomes a dead letter with a reason and
 * the exact bytes, or a change whose fields are consistent with its own row.
 */
class DebeziumChangeJsonFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<byte[]> VALID = List.of(
            DebeziumChangeJsonTest.sample("postgres-create.json"),
            DebeziumChangeJsonTest.sample("postgres-delete.json"),
            DebeziumChangeJsonTest.sample("mysql-update-multirow.json"),
            DebeziumChangeJsonTest.sample("mysql-snapshot-read.json"),
            DebeziumChangeJsonTest.sample("oracle-update.json"));

    private final DebeziumChangeJson parser = new DebeziumChangeJson(TABLES, Map.of("cdc", "orders"), CLOCK, 1 << 16);

    @Test
    void mutatedEventsNeverThrowAndAcceptedOnesAreConsistent() throws Exception {
        Mutations mutations = new Mutations(424242L);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 8_000; i++) {
            byte[] raw = mutations.mutate(VALID.get(i % VALID.size()));
            byte[] copy = raw.clone();
            String source = "fuzz:" + i;

            Parsed<ChangeRecord> parsed = parser.parse(raw, source, "cdc", i);

            if (parsed instanceof Parsed.Rejected<ChangeRecord> r) {
                rejected++;
                assertThat(r.deadLetter().reason()).as(source).isNotBlank();
                assertThat(r.deadLetter().raw()).as(source).isSameAs(raw).isEqualTo(copy);
                assertThat(r.deadLetter().source()).isEqualTo(source);
                assertThat(r.deadLetter().receivedAt()).isEqualTo(NOW);
            } else {
                accepted++;
                assertConsistent(((Parsed.Ok<ChangeRecord>) parsed).value(), raw);
            }
        }
        assertThat(accepted).isGreaterThan(300);
        assertThat(rejected).isGreaterThan(3_000);
    }

    /** The key has the table's type and equals the key column of the row (or of the before-image for deletes). */
    private static void assertConsistent(ChangeRecord change, byte[] raw) throws Exception {
        TableSpec table = TABLES.get(change.tableName());
        assertThat(table).as(change.tableName()).isNotNull();
        assertThat(change.key().type()).isEqualTo(table.keyType());
        JsonNode image;
        if (change.op() == ChangeOp.DELETE) {
            assertThat(change.row()).isNull();
            JsonNode root = MAPPER.readTree(raw);
            image = (root.has("payload") && !root.has("op") ? root.get("payload") : root).get("before");
        } else {
            image = MAPPER.readTree(change.row());
            assertThat(image.isObject()).isTrue();
        }
        JsonNode keyNode = image.get(table.keyColumn());
        assertThat(table.keyType().parse(keyNode.asText())).as(new String(raw)).isEqualTo(change.key());
    }
}
