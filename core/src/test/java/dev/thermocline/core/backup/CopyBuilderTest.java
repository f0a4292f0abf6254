package dev.thermocline.core.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.reconstruct.RowState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Previous copy + log = new copy, against a replay of the whole history from empty. */
class CopyBuilderTest {

    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    @RepeatedTest(20)
    void copyChainsEqualAFullReplayAtEachCutoffIncludingSplits() {
        Random random = new Random();
        List<ChangeRecord> history = history(random, 2_000, 200);
        List<ChangeRecord> logged = withDuplicates(history, random);
        KeyRange all = KeyRange.all();
        Instant c1 = START.plusSeconds(random.nextInt(1_000));
        Instant c2 = c1.plusSeconds(random.nextInt(1_000));
        Instant c3 = c2.plusSeconds(random.nextInt(1_000));

        CopyBuilder.BuiltCopy first = build(new CopySource(all, null), c1, List.of(), logged);
        assertThat(first.rows()).isEqualTo(replay(history, c1, all));

        BackupCopy firstCopy = copy(all, c1, first);
        CopyBuilder.BuiltCopy second = build(new CopySource(all, firstCopy), c2, first.rows(), logged);
        assertThat(second.rows()).isEqualTo(replay(history, c2, all));

        // a split child from its parent's copy
        KeyRange child = new KeyRange(Key.of(50), Key.of(120));
        CopyBuilder.BuiltCopy third = build(new CopySource(child, copy(all, c2, second)), c3, second.rows(), logged);
        assertThat(third.rows()).isEqualTo(replay(history, c3, child));
        assertThat(third.cutoffLsn()).isGreaterThanOrEqualTo(second.cutoffLsn());
    }

    @Test
    void aMergedUnionFromCopiesWithDifferentCutoffsEqualsTheReplay() {
        Random random = new Random(3);
        List<ChangeRecord> history = history(random, 3_000, 200);
        KeyRange left = new KeyRange(null, Key.of(100));
        KeyRange right = new KeyRange(Key.of(100), null);
        Instant cl = START.plusSeconds(300);
        Instant cr = START.plusSeconds(900);
        Instant cutoff = START.plusSeconds(1_500);
        List<RowState> leftRows = replay(history, cl, left);
        List<RowState> rightRows = replay(history, cr, right);
        CopyTask union = new CopyTask(new Partition("p0", KeyRange.all()), List.of(
                new CopySource(left, copy(left, cl, new CopyBuilder.BuiltCopy(leftRows, 0))),
                new CopySource(right, copy(right, cr, new CopyBuilder.BuiltCopy(rightRows, 0)))), DueReason.LAYOUT_CHANGED);

        CopyBuilder.BuiltCopy built = CopyBuilder.build(union, cutoff,
                s -> s.range().equals(left) ? leftRows : rightRows, s -> history);

        assertThat(built.rows()).isEqualTo(replay(history, cutoff, KeyRange.all()));
    }

    private static CopyBuilder.BuiltCopy build(CopySource source, Instant cutoff, List<RowState> base,
                                               List<ChangeRecord> changes) {
        CopyTask task = new CopyTask(new Partition("p0", source.range()), List.of(source), DueReason.VOLUME);
        return CopyBuilder.build(task, cutoff, s -> base, s -> changes);
    }

    private static BackupCopy copy(KeyRange range, Instant cutoff, CopyBuilder.BuiltCopy built) {
        return new BackupCopy("orders", "p0", range, 0, cutoff, built.cutoffLsn(), built.rows().size(), 1);
    }

    /** The oracle: for each key in range, its newest change at or before the cutoff, if not a delete. */
    private static List<RowState> replay(List<ChangeRecord> history, Instant cutoff, KeyRange range) {
        TreeMap<Key, ChangeRecord> newest = new TreeMap<>();
        for (ChangeRecord c : history) {
            if (!c.timestamp().isAfter(cutoff) && range.contains(c.key())) {
                newest.merge(c.key(), c, (a, b) -> b.position().compareTo(a.position()) > 0 ? b : a);
            }
        }
        List<RowState> rows = new ArrayList<>();
        newest.values().stream().filter(c -> c.op() != ChangeOp.DELETE)
                .forEach(c -> rows.add(RowState.live(c.key(), c.row(), c.position(), c.timestamp())));
        return rows;
    }

    /** Changes in time order with rising positions: creates, updates and deletes on {@code keys} keys. */
    private static List<ChangeRecord> history(Random random, int changes, int keys) {
        Map<Long, Integer> versions = new HashMap<>();
        List<ChangeRecord> out = new ArrayList<>();
        long lsn = 100;
        for (int i = 0; i < changes; i++) {
            long key = random.nextInt(keys);
            Instant ts = START.plusMillis(i * 1_000L + random.nextInt(3));
            lsn += 1 + random.nextInt(10);
            ChangeOp op = !versions.containsKey(key) ? ChangeOp.CREATE
                    : random.nextInt(8) == 0 ? ChangeOp.DELETE : ChangeOp.UPDATE;
            String row = null;
            if (op == ChangeOp.DELETE) {
                versions.remove(key);
            } else {
                row = "{\"id\":" + key + ",\"v\":" + versions.merge(key, 1, Integer::sum) + "}";
            }
            out.add(new ChangeRecord("orders", Key.of(key), op, new ChangePosition(lsn, 0), ts, row));
        }
        return out;
    }

    private static List<ChangeRecord> withDuplicates(List<ChangeRecord> history, Random random) {
        List<ChangeRecord> out = new ArrayList<>(history);
        for (int i = 0; i < history.size() / 20; i++) {
            out.add(history.get(random.nextInt(history.size())));
        }
        java.util.Collections.shuffle(out, random);
        return out;
    }
}
