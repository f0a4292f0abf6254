package dev.thermocline.core.heat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeatmapCellTest {

    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant END = START.plusSeconds(60);

    private static HeatmapCell cell(long access, long read, long write, byte[] sketch) {
        return new HeatmapCell(START, END, "orders", "p3", access, read, write, Map.of("status", 4L), sketch);
    }

    @Test
    void equalityComparesSketchBytesByContent() {
        assertThat(cell(10, 6, 4, new byte[] {1, 2})).isEqualTo(cell(10, 6, 4, new byte[] {1, 2}))
                .hasSameHashCodeAs(cell(10, 6, 4, new byte[] {1, 2}));
        assertThat(cell(10, 6, 4, new byte[] {1, 2})).isNotEqualTo(cell(10, 6, 4, new byte[] {1, 3}));
        assertThat(cell(10, 6, 4, null)).isEqualTo(cell(10, 6, 4, new byte[0]));
    }

    @Test
    void keepsItsOwnCopiesOfSketchAndColumns() {
        byte[] sketch = {1, 2};
        Map<String, Long> columns = new HashMap<>(Map.of("status", 4L));
        HeatmapCell c = new HeatmapCell(START, END, "orders", "p3", 10, 0, 0, columns, sketch);
        sketch[0] = 9;
        columns.put("total", 1L);
        c.keySketch()[1] = 9;
        assertThat(c.keySketch()).containsExactly(1, 2);
        assertThat(c.columnCounts()).containsOnlyKeys("status");
    }

    @Test
    void rejectsEmptyWindowsNegativeCountsAndMoreReadsAndWritesThanAccesses() {
        assertThatThrownBy(() -> new HeatmapCell(END, END, "orders", "p3", 1, 0, 0, Map.of(), null))
                .hasMessageContaining("window [" + END + ", " + END + ") is empty");
        assertThatThrownBy(() -> cell(-1, 0, 0, null))
                .hasMessageContaining("counts must not be negative (access -1, read 0, write 0)");
        assertThatThrownBy(() -> cell(5, 3, 3, null))
                .hasMessageContaining("read 3 + write 3 exceeds access 5");
        assertThatThrownBy(() -> new HeatmapCell(START, END, "orders", "p3", 1, 0, 0, Map.of("status", -2L), null))
                .hasMessageContaining("column count status=-2 is invalid");
        assertThatThrownBy(() -> new HeatmapCell(START, END, "orders", " ", 1, 0, 0, Map.of(), null))
                .hasMessageContaining("partition key is required");
    }
}
