package dev.thermocline.core.reconstruct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.restore.KeyInterval;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeApplierTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private static ChangeRecord change(long key, ChangeOp op, long lsn, int second, String row) {
        return new ChangeRecord("orders", Key.of(key), op, new ChangePosition(lsn, 0), T0.plusSeconds(second), row);
    }

    private static ChangeRecord upsert(long key, long lsn, int second, String row) {
        return change(key, ChangeOp.UPDATE, lsn, second, row);
    }

    private static ChangeRecord delete(long key, long lsn, int second) {
        return change(key, ChangeOp.DELETE, lsn, second, null);
    }

    @Test
    void lastWriteByPositionWinsWhateverTheArrivalOrder() {
        List<ChangeRecord> changes = new ArrayList<>(List.of(
                upsert(1, 10, 1, "{\"v\":1}"), upsert(1, 12, 2, "{\"v\":2}"), upsert(1, 11, 2, "{\"v\":1.5}")));
        Collections.reverse(changes);
        assertThat(ChangeApplier.all().reconstruct(List.of(), changes))
                .containsExactly(RowState.live(Key.of(1), "{\"v\":2}", new ChangePosition(12, 0), T0.plusSeconds(2)));
    }

    @Test
    void deletesRemoveAndReinsertsComeBack() {
        List<ChangeRecord> changes = List.of(
                upsert(1, 1, 1, "a"), delete(1, 2, 2), upsert(2, 3, 3, "b"), delete(2, 4, 4), upsert(2, 5, 5, "c"));
        assertThat(ChangeApplier.all().reconstruct(List.of(), changes))
                .extracting(RowState::key, RowState::row)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Key.of(2), "c"));
    }

    @Test
    void duplicatesAndChangesAtOrBeforeTheBasePositionAreIgnored() {
        RowState base = RowState.live(Key.of(1), "base", new ChangePosition(10, 0), T0.plusSeconds(5));
        List<ChangeRecord> replayedOverlap = List.of(upsert(1, 9, 4, "old"), upsert(1, 10, 5, "base"), delete(1, 8, 3));
        assertThat(ChangeApplier.all().reconstruct(List.of(base), replayedOverlap)).containsExactly(base);

        ChangeRecord next = upsert(1, 11, 6, "new");
        assertThat(ChangeApplier.all().reconstruct(Map.of(Key.of(1), base), List.of(next, next, next)))
                .extracting(RowState::row).containsExactly("new");
    }

    @Test
    void theFoldIsWhatAKeyedOperatorCalls() {
        RowState s = ChangeApplier.apply(null, upsert(1, 5, 1, "a"));
        s = ChangeApplier.apply(s, delete(1, 7, 2));
        assertThat(s.isLive()).isFalse();
        assertThat(ChangeApplier.apply(s, upsert(1, 6, 1, "late duplicate"))).isSameAs(s);
        assertThat(ChangeApplier.apply(s, upsert(1, 8, 3, "b")).row()).isEqualTo("b");
        RowState other = s;
        assertThatThrownBy(() -> ChangeApplier.apply(other, upsert(2, 9, 3, "x")))
                .hasMessage("cannot apply a change of key 2 to the state of key 1");
    }

    @Test
    void restrictsToTheTimeWindowAndTheKeySelection() {
        List<ChangeRecord> changes = List.of(
                upsert(1, 1, 1, "at cutoff"), upsert(1, 2, 2, "inside"), upsert(1, 3, 3, "after asOf"),
                upsert(5, 4, 2, "other key"), upsert(3, 5, 2, "in range"));
        ChangeApplier applier = ChangeApplier.builder()
                .after(T0.plusSeconds(1)).upTo(T0.plusSeconds(2)).keysIn(KeyInterval.closed(Key.of(1), Key.of(3)))
                .build();
        assertThat(applier.reconstruct(List.of(RowState.live(Key.of(4), "base outside", ChangePosition.ZERO, T0)), changes))
                .extracting(RowState::row).containsExactly("inside", "in range");
        assertThat(applier.accepts(changes.get(0))).isFalse();
        assertThat(applier.accepts(changes.get(1))).isTrue();
        assertThat(applier.acceptsKey(Key.of(5))).isFalse();
    }

    @Test
    void duplicatedBaseRowsKeepTheLaterPosition() {
        RowState older = RowState.live(Key.of(1), "older", new ChangePosition(1, 0), T0);
        RowState newer = RowState.live(Key.of(1), "newer", new ChangePosition(1, 1), T0);
        assertThat(ChangeApplier.all().reconstruct(List.of(newer, older), List.of())).containsExactly(newer);
    }

    @Test
    void anInvertedWindowIsRejected() {
        assertThatThrownBy(() -> ChangeApplier.builder().after(T0.plusSeconds(1)).upTo(T0).build())
                .hasMessageContaining("is inverted: upTo " + T0 + " is before after " + T0.plusSeconds(1));
    }

    @Test
    void anApplierTravelsThroughJavaSerializationAsJobsShipIt() throws Exception {
        ChangeApplier applier = ChangeApplier.builder()
                .after(T0).keysIn(KeyInterval.closed(Key.of(1), Key.of(3))).keysMatching(k -> !k.equals(Key.of(2)))
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(applier);
        }
        ChangeApplier copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ChangeApplier) in.readObject();
        }
        assertThat(copy.acceptsKey(Key.of(1))).isTrue();
        assertThat(copy.acceptsKey(Key.of(2))).isFalse();
        assertThat(copy.accepts(upsert(3, 1, 0, "at after"))).isFalse();
        assertThat(copy.accepts(upsert(3, 1, 1, "after after"))).isTrue();
    }
}
