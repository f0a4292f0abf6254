package dev.thermocline.flink.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.access.AccessOp;
import dev.thermocline.core.access.AccessRecord;
import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.core.key.Key;
import dev.thermocline.flink.deadletter.DeadLetters;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The records that cross operator boundaries get Flink's POJO serializer, never Kryo. */
class FlinkTypesTest {

    @Test
    void sourceRecordIsAPojoAndSurvivesSerializationIncludingATombstone() throws IOException {
        TypeInformation<SourceRecord> type = SourceRecord.typeInfo();
        assertThat(type).isInstanceOf(PojoTypeInfo.class).isNotInstanceOf(GenericTypeInfo.class);

        SourceRecord record = SourceRecord.ofKafka(new byte[] {1, 2, 3}, "changes", 2, 99L, 1234L);
        SourceRecord tombstone = SourceRecord.ofKafka(null, "changes", 0, 7L, -1L);
        assertThat(roundTrip(type, record)).isEqualTo(record);
        assertThat(roundTrip(type, tombstone)).isEqualTo(tombstone);
    }

    @Test
    void deadLetterIsAPojoAndSurvivesSerialization() throws IOException {
        assertThat(DeadLetters.TYPE).isInstanceOf(PojoTypeInfo.class);
        assertThat(DeadLetters.TAG.getTypeInfo()).isEqualTo(DeadLetters.TYPE);

        DeadLetter letter = new DeadLetter("kafka:a/1@2", "timestamp missing", new byte[] {'{', '}'},
                Instant.parse("2026-11-24T10:31:07.123456Z"));
        assertThat(roundTrip(DeadLetters.TYPE, letter)).isEqualTo(letter);
    }

    @Test
    void changeRecordsGetTheKeyTypeInsteadOfKryo() throws IOException {
        TypeInformation<ChangeRecord> type = CoreTypes.changeRecord();
        assertNoKryo(type);

        Instant t = Instant.parse("2026-11-24T10:31:07.123Z");
        for (ChangeRecord r : List.of(
                new ChangeRecord("orders", Key.of(-42L), ChangeOp.CREATE, new ChangePosition(7, 1), t, "{\"id\":-42}"),
                new ChangeRecord("accounts", Key.of("ACME-7 é"), ChangeOp.UPDATE, new ChangePosition(8, 0), t, "{}"),
                new ChangeRecord("orders", Key.of(1L), ChangeOp.DELETE, ChangePosition.ZERO, t, null))) {
            assertThat(roundTrip(type, r)).isEqualTo(r);
        }
        assertThat(roundTrip(CoreTypes.key(), Key.of("x"))).isEqualTo(Key.of("x"));
        assertThat(CoreTypes.key().isKeyType()).isTrue();
        TypeSerializer<Key> keys = CoreTypes.key().createSerializer(new SerializerConfigImpl());
        assertThat(keys.snapshotConfiguration().restoreSerializer()).isEqualTo(keys);
    }

    @Test
    void accessRecordsArePojosWithoutKryo() throws IOException {
        TypeInformation<AccessRecord> type = CoreTypes.accessRecord();
        assertNoKryo(type);

        AccessRecord r = new AccessRecord(Instant.EPOCH, "orders", "10452", List.of("status", "total"), AccessOp.READ);
        assertThat(roundTrip(type, r)).isEqualTo(r);
    }

    private static void assertNoKryo(TypeInformation<?> type) {
        assertThat(type).as(type.toString()).isNotInstanceOf(GenericTypeInfo.class);
        if (type instanceof CompositeType<?> composite) {
            for (int i = 0; i < composite.getArity(); i++) {
                assertNoKryo(composite.getTypeAt(i));
            }
        }
    }

    static <T> T roundTrip(TypeInformation<T> type, T value) throws IOException {
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
