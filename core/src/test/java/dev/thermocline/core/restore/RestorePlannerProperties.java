package dev.thermocline.core.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.reconstruct.RowState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Model-based: for random histories with repartitions and backup runs between changes, random
 * requests (ranges with open ends, key lists, several selections at different times) planned and
 * run on the in-memory tables return exactly what replaying the whole history from empty returns —
 * at every interesting instant and 1 ms either side of it. jqwik prints the seed of a failing case;
 * {@code -Dthermocline.restore.requests=N} raises the requests per history (default 12).
 */
class RestorePlannerProperties {

    private static final int REQUESTS = Integer.getInteger("thermocline.restore.requests", 12);

    @Property(tries = 300)
    void restoreEqualsReplayOfTheWholeHistory(@ForAll long seed) {
        RestoreScenario scenario = RestoreScenario.generate(seed);
        RestorePlanner planner = new RestorePlanner(scenario.maps, scenario.copies,
                ChangelogExtent.from(scenario.firstChange()));
        Random random = new Random(seed ^ 0x5DEECE66DL);
        List<Instant> times = scenario.times();
        for (int n = 0; n < REQUESTS; n++) {
            RestoreRequest request = randomRequest(random, times);
            String context = scenario + ", request " + request.selections() + " as of " + request.asOf();
            if (shouldFail(scenario, request)) {
                assertThatThrownBy(() -> planner.plan(request)).as(context).isInstanceOf(RestoreException.class);
                continue;
            }
            RestorePlan plan = planner.plan(request);
            assertThat(InMemoryRestore.run(plan, scenario)).as(context).isEqualTo(expected(scenario, request));
            assertEveryKeyStartsFromTheNewestCoveringCopy(scenario, plan, context);
        }
    }

    @Property(tries = 100)
    void aRequestAtEveryInstantAndOneMillisecondEitherSideMatchesTheOracle(@ForAll long seed) {
        RestoreScenario scenario = RestoreScenario.generate(seed);
        RestorePlanner planner = new RestorePlanner(scenario.maps, scenario.copies,
                ChangelogExtent.from(scenario.firstChange()));
        for (Instant t : scenario.times()) {
            RestoreRequest request = new RestoreRequest(RestoreScenario.TABLE, t,
                    List.of(new RangeSelection.Interval(KeyInterval.all(), null)));
            if (shouldFail(scenario, request)) {
                continue;
            }
            assertThat(InMemoryRestore.run(planner.plan(request), scenario))
                    .as("%s, full table as of %s", scenario, t)
                    .isEqualTo(ReplayOracle.rowsAt(scenario.history, t, k -> true));
        }
    }

    /**
     * Retention removed every change at or before the cutoff of some copy (the worst it may do): a
     * request is refused or equals the oracle — never rows that miss a removed change — and a
     * request inside that copy's range at or after its cutoff is not refused.
     */
    @Property(tries = 200)
    void afterRetentionARestoreIsRefusedOrMatchesTheOracleButNeverMissesChanges(@ForAll long seed) {
        RestoreScenario scenario = RestoreScenario.generate(seed);
        Assume.that(!scenario.copies.isEmpty());
        Random random = new Random(seed ^ 0x2545F4914F6CDD1DL);
        BackupCopy anchor = scenario.copies.get(random.nextInt(scenario.copies.size()));
        Instant bound = anchor.cutoffTs();
        Instant firstKept = scenario.history.stream().map(c -> c.timestamp()).filter(t -> t.isAfter(bound))
                .min(Instant::compareTo).orElse(null);
        RestorePlanner planner = new RestorePlanner(scenario.maps, scenario.copies, new ChangelogExtent(firstKept, bound));
        Predicate<RestoreScenario.TaggedChange> kept = t -> t.change().timestamp().isAfter(bound);
        List<Instant> times = scenario.times();
        // at or after the bound, once a partition map is in force (a copy may predate the first map)
        List<Instant> after = new ArrayList<>(times.stream().filter(t -> !t.isBefore(bound)).toList());
        after.add(bound);
        after.removeIf(t -> scenario.maps.mapAt(t).isEmpty());
        Assume.that(!after.isEmpty());
        for (int n = 0; n < REQUESTS; n++) {
            RestoreRequest request = randomRequest(random, times);
            String context = scenario + ", retention up to " + bound + ", request " + request.selections() + " as of "
                    + request.asOf();
            RestorePlan plan;
            try {
                plan = planner.plan(request);
            } catch (RestoreException refused) {
                continue;
            }
            assertThat(InMemoryRestore.run(plan, scenario, kept)).as(context).isEqualTo(expected(scenario, request));
        }
        KeyRange r = anchor.range();
        KeyInterval inside = new KeyInterval(r.start(), r.end() == null ? null : Key.of(((LongKey) r.end()).value() - 1));
        RestoreRequest covered = new RestoreRequest(RestoreScenario.TABLE, after.get(random.nextInt(after.size())),
                List.of(new RangeSelection.Interval(inside, null)));
        assertThat(InMemoryRestore.run(planner.plan(covered), scenario, kept))
                .as("%s, retention up to %s, keys of copy %s as of %s", scenario, bound, anchor, covered.asOf())
                .isEqualTo(expected(scenario, covered));
    }

    private static RestoreRequest randomRequest(Random random, List<Instant> times) {
        Instant asOf = times.get(random.nextInt(times.size()));
        List<RangeSelection> selections = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            Instant own = random.nextInt(3) == 0 ? times.get(random.nextInt(times.size())) : null;
            if (random.nextInt(4) == 0) {
                List<Key> keys = new ArrayList<>();
                for (int k = 0; k <= random.nextInt(4); k++) {
                    keys.add(Key.of(random.nextInt((int) RestoreScenario.KEY_SPACE + 4) - 2));
                }
                selections.add(new RangeSelection.KeyList(keys, own));
            } else {
                long a = random.nextInt((int) RestoreScenario.KEY_SPACE + 4) - 2;
                long b = random.nextInt((int) RestoreScenario.KEY_SPACE + 4) - 2;
                Key low = random.nextInt(6) == 0 ? null : Key.of(Math.min(a, b));
                Key high = random.nextInt(6) == 0 ? null : Key.of(Math.max(a, b));
                selections.add(new RangeSelection.Interval(new KeyInterval(low, high), own));
            }
        }
        return new RestoreRequest(RestoreScenario.TABLE, asOf, selections);
    }

    /** Before the first map, before any data, or a key asked at two different times. */
    private static boolean shouldFail(RestoreScenario scenario, RestoreRequest request) {
        for (RangeSelection s : request.selections()) {
            Instant t = request.effectiveAsOf(s);
            if (scenario.maps.mapAt(t).isEmpty()) {
                return true;
            }
            boolean logReaches = scenario.firstChange() != null && !t.isBefore(scenario.firstChange());
            boolean copyReaches = scenario.copies.stream().anyMatch(c -> !c.cutoffTs().isAfter(t));
            if (!logReaches && !copyReaches) {
                return true;
            }
            for (RangeSelection other : request.selections()) {
                if (!request.effectiveAsOf(other).equals(t) && sharesAKey(s, other)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sharesAKey(RangeSelection a, RangeSelection b) {
        for (long k = -3; k < RestoreScenario.KEY_SPACE + 3; k++) {
            if (a.contains(Key.of(k)) && b.contains(Key.of(k))) {
                return true;
            }
        }
        // open ends meet beyond the probed keys only if both are open the same way
        return openTowards(a, true) && openTowards(b, true) || openTowards(a, false) && openTowards(b, false);
    }

    private static boolean openTowards(RangeSelection s, boolean up) {
        return s instanceof RangeSelection.Interval i && (up ? i.interval().high() == null : i.interval().low() == null);
    }

    /** Each selection's rows as of its own time, from the oracle; a key asked twice (same time) once. */
    private static List<RowState> expected(RestoreScenario scenario, RestoreRequest request) {
        TreeMap<Key, RowState> byKey = new TreeMap<>();
        for (RangeSelection s : request.selections()) {
            for (RowState r : ReplayOracle.rowsAt(scenario.history, request.effectiveAsOf(s), s::contains)) {
                byKey.put(r.key(), r);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    /** The base of every requested key is the newest copy with cutoff <= T that holds it (or none). */
    private static void assertEveryKeyStartsFromTheNewestCoveringCopy(RestoreScenario scenario, RestorePlan plan,
                                                                     String context) {
        for (RestoreUnit unit : plan.units()) {
            assertThat(unit.partition()).as(context).isIn(scenario.maps.mapAt(unit.asOf()).orElseThrow().partitions());
            for (RestoreSegment segment : unit.segments()) {
                for (long k = -3; k < RestoreScenario.KEY_SPACE + 3; k++) {
                    Key key = Key.of(k);
                    if (!segment.keys().contains(key)) {
                        continue;
                    }
                    assertThat(unit.keys().contains(key)).as(context).isTrue();
                    Instant newest = scenario.copies.stream()
                            .filter(c -> !c.cutoffTs().isAfter(unit.asOf()) && c.range().contains(key))
                            .map(BackupCopy::cutoffTs).max(Instant::compareTo).orElse(null);
                    assertThat(segment.base() == null ? null : segment.base().cutoffTs())
                            .as("%s: base of key %s in %s", context, key, segment).isEqualTo(newest);
                }
            }
        }
    }
}
