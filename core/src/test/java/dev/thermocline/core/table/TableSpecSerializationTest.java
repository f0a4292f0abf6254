package dev.thermocline.core.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flink ships the jobs' functions, table specs inside, to its tasks by Java serialization. */
class TableSpecSerializationTest {

    @Test
    void bothKindsOfInitialPartitioningSurviveJavaSerialization() throws Exception {
        TableSpec equal = new TableSpec("orders", "id", KeyType.LONG,
                new InitialPartitioning.EqualRanges(16, Key.of(0), Key.of(1_000_000)));
        TableSpec explicit = new TableSpec("users", "email", KeyType.STRING,
                new InitialPartitioning.ExplicitBoundaries(List.of(Key.of("g"), Key.of("p"))));

        assertThat(roundTrip(equal)).isEqualTo(equal);
        assertThat(roundTrip(explicit)).isEqualTo(explicit);
    }

    private static Object roundTrip(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
