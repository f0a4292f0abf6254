package dev.thermocline.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.access.AccessOp;
import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.key.Key;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Everything the heatmap job moves between operators or keeps in state is serialized without Kryo. */
class HeatmapTypesTest {

    @Test
    void accessInPartitionIsAPojoWithATypedKey() throws IOException {
        assertNoKryo(AccessInPartition.typeInfo());
        for (AccessInPartition a : List.of(
                new AccessInPartition("orders", "p3", 1_764_000_000_000L, Key.of(42L), AccessOp.WRITE, List.of("status")),
                new AccessInPartition("accounts", "p0", -5L, Key.of("ACME é"), AccessOp.UNSPECIFIED, List.of()))) {
            assertThat(roundTrip(AccessInPartition.typeInfo(), a)).isEqualTo(a);
        }
    }

    @Test
    void heatmapCellsSurviveSerializationWithColumnsAndSketch() throws IOException {
        assertNoKryo(HeatmapJob.CELL);
        HeatmapCell cell = new HeatmapCell(Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T10:01:00Z"),
                "orders", "p7", 10, 6, 3, Map.of("status", 4L, "total", 9L), new byte[] {'K', 1, 2});
        assertThat(roundTrip(HeatmapJob.CELL, cell)).isEqualTo(cell);
    }

    @Test
    void cellIdsArePojos() throws IOException {
        assertNoKryo(CellId.typeInfo());
        assertThat(roundTrip(CellId.typeInfo(), new CellId("orders", "p1"))).isEqualTo(new CellId("orders", "p1"));
    }

    private static void assertNoKryo(TypeInformation<?> type) {
        assertThat(type).as(type.toString()).isNotInstanceOf(GenericTypeInfo.class);
        if (type instanceof CompositeType<?> composite) {
            for (int i = 0; i < composite.getArity(); i++) {
                assertNoKryo(composite.getTypeAt(i));
            }
        }
    }

    private static <T> T roundTrip(TypeInformation<T> type, T value) throws IOException {
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
