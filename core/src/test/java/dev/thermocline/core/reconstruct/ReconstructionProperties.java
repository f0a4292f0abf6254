package dev.thermocline.core.reconstruct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.restore.KeyInterval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Backup-then-tail reconstruction equals replaying the whole history from empty
 * ({@link HistoryReplayOracle}) for every as-of time, across chained backups, duplicates, bursts on
 * one key, deletes and re-inserts, equal timestamps, and any arrival order.
 */
class ReconstructionProperties {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    /** One generated event: a new change, or the re-delivery of an earlier one (at-least-once). */
    record Step(int key, ChangeOp op, int millisLater, boolean samePosition, boolean redelivery, int redeliveryPick) {}

    @Property(tries = 300)
    void backupPlusTailEqualsReplayFromEmptyAtEveryInstant(
            @ForAll("histories") List<ChangeRecord> history,
            @ForAll @Size(max = 3) List<@IntRange(min = 0, max = 1000) Integer> cutoffPicks,
            @ForAll("intervals") KeyInterval keys,
            @ForAll @IntRange(min = 0, max = 3) int overlapMillis,
            @ForAll long shuffleSeed) {
        Random random = new Random(shuffleSeed);
        List<Instant> times = interestingTimes(history);
        TreeSet<Instant> cutoffs = new TreeSet<>();
        cutoffPicks.forEach(pick -> cutoffs.add(times.get(pick % times.size())));

        // chained backups, as the backup job makes them: previous copy + changes since its cutoff
        Map<Instant, List<RowState>> backups = new HashMap<>();
        List<RowState> copy = List.of();
        Instant previous = null;
        for (Instant cutoff : cutoffs) {
            copy = ChangeApplier.builder().after(previous).upTo(cutoff).build().reconstruct(copy, shuffled(history, random));
            assertThat(copy).as("backup at %s", cutoff).isEqualTo(HistoryReplayOracle.rowsAt(history, cutoff, KeyInterval.all()));
            backups.put(cutoff, copy);
            previous = cutoff;
        }

        for (Instant asOf : times) {
            Instant cutoff = cutoffs.floor(asOf);
            List<RowState> base = cutoff == null ? List.of() : backups.get(cutoff);
            List<RowState> expected = HistoryReplayOracle.rowsAt(history, asOf, keys);

            List<RowState> restored = ChangeApplier.builder().after(cutoff).upTo(asOf).keysIn(keys).build()
                    .reconstruct(base, shuffled(history, random));
            assertThat(restored).as("restore %s as of %s from backup at %s", keys, asOf, cutoff).isEqualTo(expected);

            if (cutoff != null) {
                // replaying an overlap before the cutoff is harmless
                List<RowState> withOverlap = ChangeApplier.builder()
                        .after(cutoff.minusMillis(overlapMillis)).upTo(asOf).keysIn(keys).build()
                        .reconstruct(base, shuffled(history, random));
                assertThat(withOverlap).as("restore with %d ms overlap as of %s", overlapMillis, asOf).isEqualTo(expected);
            }
        }
    }

    @Property(tries = 300)
    void thePerKeyFoldInAnyArrivalOrderEqualsReplayFromEmpty(
            @ForAll("histories") List<ChangeRecord> history, @ForAll long shuffleSeed) {
        Map<Key, RowState> state = new HashMap<>();
        for (ChangeRecord c : shuffled(history, new Random(shuffleSeed))) {
            state.put(c.key(), ChangeApplier.apply(state.get(c.key()), c));
        }
        List<RowState> live = state.values().stream().filter(RowState::isLive)
                .sorted((a, b) -> a.key().compareTo(b.key())).toList();
        Instant end = history.isEmpty() ? T0 : history.get(history.size() - 1).timestamp();
        assertThat(live).isEqualTo(HistoryReplayOracle.rowsAt(history, end.plusSeconds(1), KeyInterval.all()));
    }

    /** Before the first change, every change instant, 1 ms either side of it, and after the last. */
    private static List<Instant> interestingTimes(List<ChangeRecord> history) {
        TreeSet<Instant> times = new TreeSet<>(List.of(T0.minusMillis(1)));
        for (ChangeRecord c : history) {
            times.add(c.timestamp().minusMillis(1));
            times.add(c.timestamp());
            times.add(c.timestamp().plusMillis(1));
        }
        return new ArrayList<>(times);
    }

    private static List<ChangeRecord> shuffled(List<ChangeRecord> history, Random random) {
        List<ChangeRecord> copy = new ArrayList<>(history);
        Collections.shuffle(copy, random);
        return copy;
    }

    // ---- generators

    @Provide
    Arbitrary<List<ChangeRecord>> histories() {
        Arbitrary<Integer> keys = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(0)),                    // a burst on one key
                Tuple.of(6, Arbitraries.integers().between(1, 5)));
        Arbitrary<ChangeOp> ops = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(ChangeOp.CREATE)),
                Tuple.of(4, Arbitraries.just(ChangeOp.UPDATE)),
                Tuple.of(3, Arbitraries.just(ChangeOp.DELETE)),
                Tuple.of(1, Arbitraries.just(ChangeOp.READ)));
        Arbitrary<Integer> gaps = Arbitraries.of(0, 0, 0, 1, 1, 2, 5); // many equal timestamps
        Arbitrary<Step> steps = Combinators.combine(
                        keys, ops, gaps,
                        Arbitraries.of(true, false, false, false),
                        Arbitraries.of(true, false, false, false, false, false),
                        Arbitraries.integers().between(0, 1000))
                .as(Step::new);
        return steps.list().ofMaxSize(40).map(ReconstructionProperties::toHistory);
    }

    /** Changes in source order: positions strictly increase, timestamps never decrease. */
    private static List<ChangeRecord> toHistory(List<Step> steps) {
        List<ChangeRecord> out = new ArrayList<>();
        long lsn = 100;
        long seq = 0;
        Instant ts = T0;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.redelivery() && !out.isEmpty()) {
                out.add(out.get(s.redeliveryPick() % out.size()));
                continue;
            }
            ts = ts.plusMillis(s.millisLater());
            if (s.samePosition()) {
                seq++;
            } else {
                lsn += 1 + (i % 3);
                seq = 0;
            }
            String row = s.op().upserts() ? "{\"id\":" + s.key() + ",\"v\":" + i + "}" : null;
            out.add(new ChangeRecord("orders", Key.of(s.key()), s.op(), new ChangePosition(lsn, seq), ts, row));
        }
        return out;
    }

    @Provide
    Arbitrary<KeyInterval> intervals() {
        Arbitrary<Integer> bound = Arbitraries.integers().between(-1, 7);
        return Combinators.combine(bound, bound, Arbitraries.of(0, 1, 2, 3)).as((a, b, open) -> new KeyInterval(
                (open & 1) == 0 ? Key.of(Math.min(a, b)) : null,
                (open & 2) == 0 ? Key.of(Math.max(a, b)) : null));
    }
}
