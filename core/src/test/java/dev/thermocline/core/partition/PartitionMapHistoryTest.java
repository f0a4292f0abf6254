package dev.thermocline.core.partition;

import static dev.thermocline.core.partition.PartitionMapTestData.T0;
import static dev.thermocline.core.partition.PartitionMapTestData.fourOrderPartitions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.key.Key;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionMapHistoryTest {

    private final PartitionMap r0 = fourOrderPartitions();
    private final PartitionMap r1 = r0.split("p1", Key.of(150), T0.plusSeconds(10), "hot");
    private final PartitionMap r2 = r1.merge(List.of("p2", "p3"), T0.plusSeconds(20), "cold");
    private final PartitionMapHistory history = PartitionMapHistory.of("orders", List.of(r2, r0, r1));

    @Test
    void mapAtIsTheNewestRevisionValidAtThatInstant() {
        assertThat(history.mapAt(T0.minusMillis(1))).isEmpty();
        assertThat(history.mapAt(T0)).contains(r0);
        assertThat(history.mapAt(T0.plusSeconds(10).minusMillis(1))).contains(r0);
        assertThat(history.mapAt(T0.plusSeconds(10))).contains(r1);
        assertThat(history.mapAt(T0.plusSeconds(3600))).contains(r2);
        assertThat(history.latest()).contains(r2);
        assertThat(PartitionMapHistory.empty("orders").mapAt(T0)).isEmpty();
    }

    @Test
    void revisionsWithTheSameValidFromResolveToTheNewest() {
        PartitionMap r3 = r2.split("p0", Key.of(0), r2.validFrom(), "same instant");
        assertThat(history.add(r3).mapAt(r2.validFrom())).contains(r3);
    }

    @Test
    void addIsPersistentAndChecksOrder() {
        PartitionMapHistory one = PartitionMapHistory.empty("orders").add(r0);
        assertThat(one.add(r1).revisions()).containsExactly(r0, r1);
        assertThat(one.revisions()).containsExactly(r0);

        assertThatThrownBy(() -> history.add(r1))
                .hasMessageContaining("revision 1 does not follow the latest revision 2");
        PartitionMap early = new PartitionMap("orders", r2.keyType(), 3, T0, "late", r2.partitions(), r2.nextPartitionOrdinal());
        assertThatThrownBy(() -> history.add(early))
                .hasMessageContaining("is valid from " + T0 + ", before revision 2's " + r2.validFrom());
        PartitionMap other = new PartitionMap("customers", r2.keyType(), 3, r2.validFrom(), "x", r2.partitions(), 9);
        assertThatThrownBy(() -> history.add(other))
                .hasMessageContaining("history of 'orders' cannot take a map of 'customers'");
    }

    @Test
    void aRetiredIdComingBackIsRejected() {
        // p3 left the map in r2; a hand-made r3 that brings it back must not be accepted.
        PartitionMap r3 = new PartitionMap("orders", r2.keyType(), 3, r2.validFrom(), "reuse", List.of(
                new Partition("p0", KeyRange.of(null, Key.of(100))),
                new Partition("p1", KeyRange.of(Key.of(100), Key.of(150))),
                new Partition("p4", KeyRange.of(Key.of(150), Key.of(200))),
                new Partition("p2", KeyRange.of(Key.of(200), Key.of(300))),
                new Partition("p3", KeyRange.of(Key.of(300), null))), 5);
        assertThatThrownBy(() -> history.add(r3))
                .hasMessageContaining("revision 3 reuses partition id p3, which an earlier revision retired");
    }

    @Test
    void nextFreeOrdinalCoversEveryIdEverUsed() {
        assertThat(history.nextFreeOrdinal()).isEqualTo(5);
        assertThat(history.revision(1)).contains(r1);
    }
}
