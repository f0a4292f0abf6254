package dev.thermocline.heatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionMapCodecTest {

    @Test
    void historiesOfLongAndStringKeysSurviveTheRoundTrip() {
        PartitionMapHistory orders = HeatmapJobFixture.initialHistory();
        PartitionMap r0 = orders.latest().orElseThrow();
        PartitionMap r1 = r0.split("p3", Key.of(200_000L), Instant.parse("2026-11-24T10:30:00.123456789Z"), "hot");
        PartitionMap r2 = r1.merge(List.of("p14", "p15"), Instant.parse("2026-11-24T11:00:00Z"), "cold");
        orders = orders.add(r1).add(r2);

        TableSpec customers = new TableSpec("customers", "email", KeyType.STRING,
                new InitialPartitioning.ExplicitBoundaries(List.of(Key.of("g"), Key.of("n"), Key.of("t é"))));
        PartitionMapHistory strings = PartitionMapHistory.empty("customers").add(PartitionMap.initial(customers, Instant.EPOCH));

        for (PartitionMapHistory h : List.of(orders, strings, PartitionMapHistory.empty("nothing"))) {
            PartitionMapHistory back = PartitionMapCodec.decode(PartitionMapCodec.encode(h));
            assertThat(back.revisions()).isEqualTo(h.revisions());
            assertThat(back.tableName()).isEqualTo(h.tableName());
            assertThat(back.nextFreeOrdinal()).isEqualTo(h.nextFreeOrdinal());
        }
    }

    @Test
    void bytesThatAreNotAHistorySayWhat() {
        assertThatThrownBy(() -> PartitionMapCodec.decode(new byte[] {7, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format version 7 is not supported");
    }
}
