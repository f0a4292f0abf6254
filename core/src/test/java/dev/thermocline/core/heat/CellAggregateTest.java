package dev.thermocline.core.heat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.access.AccessOp;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellAggregateTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-24T10:01:00Z");

    @Test
    void countsAccessesReadsWritesAndEachColumnOncePerAccess() {
        CellAggregate cell = CellAggregate.empty(KeyType.LONG);
        cell.add(Key.of(5L), AccessOp.READ, List.of("status", "total", "status"));
        cell.add(Key.of(7L), AccessOp.WRITE, List.of("status"));
        cell.add(Key.of(9L), AccessOp.UNSPECIFIED, List.of());

        HeatmapCell out = cell.toCell(T0, T1, "orders", "p1");

        assertThat(out.accessCount()).isEqualTo(3);
        assertThat(out.readCount()).isEqualTo(1);
        assertThat(out.writeCount()).isEqualTo(1);
        assertThat(out.columnCounts()).isEqualTo(Map.of("status", 2L, "total", 1L));
        assertThat(KeySketch.fromBytes(KeyType.LONG, out.keySketch()).n()).isEqualTo(3);
    }

    @Test
    void mergingTheAggregatesOfASplitStreamGivesTheAggregateOfTheWholeStream() {
        CellAggregate whole = CellAggregate.empty(KeyType.STRING);
        CellAggregate left = CellAggregate.empty(KeyType.STRING);
        CellAggregate right = CellAggregate.empty(KeyType.STRING);
        for (int i = 0; i < 180; i++) {
            Key key = Key.of("k" + (i % 37));
            AccessOp op = i % 3 == 0 ? AccessOp.WRITE : AccessOp.READ;
            List<String> columns = i % 2 == 0 ? List.of("a") : List.of("a", "b");
            whole.add(key, op, columns);
            (i < 70 ? left : right).add(key, op, columns);
        }

        left.merge(right);

        HeatmapCell merged = left.toCell(T0, T1, "accounts", "p0");
        HeatmapCell expected = whole.toCell(T0, T1, "accounts", "p0");
        assertThat(merged.accessCount()).isEqualTo(expected.accessCount());
        assertThat(merged.readCount()).isEqualTo(expected.readCount());
        assertThat(merged.writeCount()).isEqualTo(expected.writeCount());
        assertThat(merged.columnCounts()).isEqualTo(expected.columnCounts());
        // 180 accesses: below KLL's first compaction (k = 200), so the sketches agree exactly
        assertThat(entries(left.keySketch().view())).isEqualTo(entries(whole.keySketch().view()));
    }

    @Test
    void aStoredCellReadsBackWithItsCountsAndTheSketchsRanks() {
        CellAggregate cell = CellAggregate.empty(KeyType.LONG);
        for (long k = 0; k < 5000; k++) {
            cell.add(Key.of(k * 7), k % 2 == 0 ? AccessOp.READ : AccessOp.UNSPECIFIED, List.of("c" + (k % 3)));
        }
        HeatmapCell stored = cell.toCell(T0, T1, "orders", "p3");

        CellAggregate back = CellAggregate.of(stored, KeyType.LONG);
        HeatmapCell again = back.toCell(T0, T1, "orders", "p3");
        assertThat(again.accessCount()).isEqualTo(5000);
        assertThat(again.readCount()).isEqualTo(2500);
        assertThat(again.columnCounts()).isEqualTo(stored.columnCounts());
        KeySketch sketch = back.keySketch();
        assertThat(sketch.n()).isEqualTo(5000);
        // the median key is about 7 * 2500; KLL k=200 keeps ranks within ~1.3%
        assertThat(sketch.rank(Key.of(7L * 2500))).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.03));
    }

    private static List<String> entries(KeySketchView view) {
        List<String> entries = new java.util.ArrayList<>();
        for (int i = 0; i < view.size(); i++) {
            entries.add(view.key(i) + "x" + view.weight(i));
        }
        return entries;
    }

    @Test
    void refusesToMergeSketchesOfAnotherKeyType() {
        CellAggregate longs = CellAggregate.empty(KeyType.LONG);
        assertThatThrownBy(() -> longs.merge(CellAggregate.empty(KeyType.STRING)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("long keys cannot merge one of string keys");
    }

    @Test
    void rejectsInconsistentStoredCounts() {
        assertThatThrownBy(() -> CellAggregate.of(KeyType.LONG, 3, 2, 2, Map.of(), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("access 3, read 2, write 2");
    }
}
