package dev.thermocline.core.partition;

import static dev.thermocline.core.partition.PartitionMapTestData.T0;
import static dev.thermocline.core.partition.PartitionMapTestData.boundaries;
import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Any sequence of splits and merges keeps a map a partitioning of the whole key space, checked
 * against an independent model (the set of boundaries) and brute-force lookups.
 */
class PartitionMapProperties {

    enum Kind { SPLIT, MERGE, MERGE_FRESH }

    /** One requested change: splits use {@code point}, merges take {@code length} partitions from index {@code pick}. */
    record Op(Kind kind, int pick, int length, Key point) {}

    @Property(tries = 300)
    void longMapsStayAPartitioningUnderAnySplitsAndMerges(
            @ForAll("longTables") TableSpec table,
            @ForAll("longPlans") List<List<Op>> plans,
            @ForAll("longKeys") List<Key> probes) {
        replayAndCheck(table, plans, probes);
    }

    @Property(tries = 300)
    void stringMapsStayAPartitioningUnderAnySplitsAndMerges(
            @ForAll("stringTables") TableSpec table,
            @ForAll("stringPlans") List<List<Op>> plans,
            @ForAll("stringKeys") List<Key> probes) {
        replayAndCheck(table, plans, probes);
    }

    private void replayAndCheck(TableSpec table, List<List<Op>> plans, List<Key> probes) {
        PartitionMap map = PartitionMap.initial(table, T0);
        TreeSet<Key> model = new TreeSet<>(boundaries(map));
        Set<String> idsEverUsed = ids(map);
        PartitionMapHistory history = PartitionMapHistory.empty(table.name()).add(map);
        List<PartitionMap> revisions = new ArrayList<>(List.of(map));
        checkPartitioning(map, probes);
        Instant validFrom = T0;

        for (int step = 0; step < plans.size(); step++) {
            RepartitionPlan.Builder plan = RepartitionPlan.builder(map);
            Set<String> touched = new HashSet<>();
            Set<Key> added = new HashSet<>();
            Set<Key> removed = new HashSet<>();
            List<Partition> keptLeft = new ArrayList<>();
            for (Op op : plans.get(step)) {
                List<Partition> parts = map.partitions();
                if (op.kind() == Kind.SPLIT) {
                    Partition p = holderByScan(map, op.point());
                    boolean inside = p.range().start() == null
                            ? !isSmallest(op.point())
                            : p.range().start().compareTo(op.point()) < 0;
                    if (inside && touched.add(p.partitionKey())) {
                        plan.split(p.partitionKey(), op.point());
                        added.add(op.point());
                        keptLeft.add(new Partition(p.partitionKey(), KeyRange.of(p.range().start(), op.point())));
                    }
                } else {
                    int from = op.pick() % parts.size();
                    if (from + op.length() > parts.size()) {
                        continue;
                    }
                    List<Partition> run = parts.subList(from, from + op.length());
                    List<String> ids = run.stream().map(Partition::partitionKey).toList();
                    if (ids.stream().anyMatch(touched::contains)) {
                        continue;
                    }
                    touched.addAll(ids);
                    if (op.kind() == Kind.MERGE) {
                        plan.merge(ids);
                    } else {
                        plan.mergeIntoFresh(ids);
                    }
                    run.subList(1, run.size()).forEach(p -> removed.add(p.range().start()));
                }
            }
            if (touched.isEmpty()) {
                continue;
            }
            validFrom = step % 3 == 0 ? validFrom : validFrom.plusSeconds(1);
            PartitionMap next = map.apply(plan.build(), validFrom, "step " + step);

            model.addAll(added);
            model.removeAll(removed);
            assertThat(boundaries(next)).containsExactlyElementsOf(model);
            assertThat(next.revision()).isEqualTo(map.revision() + 1);
            assertThat(next.partitions()).containsAll(keptLeft);
            Set<String> fresh = ids(next);
            fresh.removeAll(ids(map));
            assertThat(fresh).doesNotContainAnyElementsOf(idsEverUsed);
            idsEverUsed.addAll(fresh);
            checkPartitioning(next, withNeighbours(probes, model));

            history = history.add(next);
            revisions.add(next);
            map = next;
        }
        for (PartitionMap r : revisions) {
            for (Instant t : List.of(r.validFrom().minusMillis(1), r.validFrom(), r.validFrom().plusMillis(1))) {
                assertThat(history.mapAt(t)).isEqualTo(newestValidAtByScan(revisions, t));
            }
        }
    }

    /** The map is contiguous, covers everything, has unique ids, and its lookups agree with scans. */
    private static void checkPartitioning(PartitionMap map, List<Key> probes) {
        List<Partition> parts = map.partitions();
        assertThat(parts.get(0).range().start()).isNull();
        assertThat(parts.get(parts.size() - 1).range().end()).isNull();
        for (int i = 0; i + 1 < parts.size(); i++) {
            Key end = parts.get(i).range().end();
            assertThat(end).isNotNull().isEqualTo(parts.get(i + 1).range().start());
            Key start = parts.get(i).range().start();
            if (start != null) {
                assertThat(start).isLessThan(end);
            }
        }
        assertThat(ids(map)).hasSize(parts.size());
        for (Key probe : probes) {
            assertThat(map.partitionFor(probe)).isEqualTo(holderByScan(map, probe));
        }
        List<KeyInterval> intervals = new ArrayList<>(List.of(KeyInterval.all()));
        for (int i = 0; i < probes.size(); i++) {
            Key a = probes.get(i);
            Key b = probes.get((i + 1) % probes.size());
            intervals.add(KeyInterval.closed(min(a, b), max(a, b)));
            intervals.add(KeyInterval.atLeast(a));
            intervals.add(KeyInterval.atMost(a));
        }
        for (KeyInterval interval : intervals) {
            List<Partition> expected = parts.stream().filter(p -> meets(p.range(), interval)).toList();
            assertThat(map.overlapping(interval)).as("overlapping %s", interval).containsExactlyElementsOf(expected);
        }
    }

    /** The one partition whose range holds the key, by a linear scan; fails if not exactly one. */
    private static Partition holderByScan(PartitionMap map, Key key) {
        List<Partition> holders = map.partitions().stream().filter(p -> holds(p.range(), key)).toList();
        assertThat(holders).as("partitions holding %s", key).hasSize(1);
        return holders.get(0);
    }

    private static boolean holds(KeyRange r, Key k) {
        return (r.start() == null || r.start().compareTo(k) <= 0) && (r.end() == null || k.compareTo(r.end()) < 0);
    }

    /**
     * Some key is in both: the smallest candidate is the larger of the two lower ends; with both
     * open, both contain the type's smallest key (a range is never empty).
     */
    private static boolean meets(KeyRange r, KeyInterval i) {
        Key first = r.start() == null ? i.low() : (i.low() == null ? r.start() : max(r.start(), i.low()));
        if (first == null) {
            return true;
        }
        return holds(r, first) && (i.high() == null || first.compareTo(i.high()) <= 0);
    }

    private static Optional<PartitionMap> newestValidAtByScan(List<PartitionMap> revisions, Instant t) {
        PartitionMap found = null;
        for (PartitionMap r : revisions) {
            if (!r.validFrom().isAfter(t) && (found == null || r.revision() > found.revision())) {
                found = r;
            }
        }
        return Optional.ofNullable(found);
    }

    private static List<Key> withNeighbours(List<Key> probes, Set<Key> boundaries) {
        List<Key> out = new ArrayList<>(probes);
        for (Key b : boundaries) {
            out.add(b);
            if (b.type() == KeyType.LONG) {
                long v = Long.parseLong(b.text());
                out.add(Key.of(v - 1));
                if (v != Long.MAX_VALUE) {
                    out.add(Key.of(v + 1));
                }
            } else {
                out.add(Key.of(b.text() + "\u0000"));
                String text = b.text();
                out.add(Key.of(text.substring(0, text.offsetByCodePoints(0, text.codePointCount(0, text.length()) - 1))));
            }
        }
        return out;
    }

    private static boolean isSmallest(Key k) {
        return k.type() == KeyType.LONG ? k.equals(Key.of(Long.MIN_VALUE)) : k.text().isEmpty();
    }

    private static Set<String> ids(PartitionMap map) {
        Set<String> ids = new HashSet<>();
        map.partitions().forEach(p -> ids.add(p.partitionKey()));
        return ids;
    }

    private static Key min(Key a, Key b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Key max(Key a, Key b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    // ---- generators

    @Provide
    Arbitrary<Key> longKey() {
        return Arbitraries.frequencyOf(
                        Tuple.of(9, Arbitraries.longs().between(-3000, 3000)),
                        Tuple.of(1, Arbitraries.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE)))
                .map(Key::of);
    }

    @Provide
    Arbitrary<List<Key>> longKeys() {
        return longKey().list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<Key> stringKey() {
        // multi-byte and supplementary characters: UTF-8 order differs from String.compareTo here
        return Arbitraries.of("a", "b", "c", "\u00e9", "\u20ac", "\uFF01", "\uD83D\uDE00")
                .list().ofMaxSize(4)
                .map(parts -> Key.of(String.join("", parts)));
    }

    @Provide
    Arbitrary<List<Key>> stringKeys() {
        return stringKey().list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<TableSpec> longTables() {
        Arbitrary<TableSpec> equal = Combinators.combine(
                        Arbitraries.integers().between(1, 8),
                        Arbitraries.longs().between(-2000, 0),
                        Arbitraries.longs().between(8, 4000))
                .as((count, low, width) -> new TableSpec("orders", "id", KeyType.LONG,
                        new InitialPartitioning.EqualRanges(count, Key.of(low), Key.of(low + width))));
        Arbitrary<TableSpec> explicit = Arbitraries.longs().between(-2000, 2000).set().ofMaxSize(6)
                .map(set -> new TableSpec("orders", "id", KeyType.LONG,
                        new InitialPartitioning.ExplicitBoundaries(new TreeSet<>(set).stream().map(Key::of).toList())));
        return Arbitraries.oneOf(equal, explicit);
    }

    @Provide
    Arbitrary<TableSpec> stringTables() {
        Arbitrary<TableSpec> equal = Combinators.combine(
                        Arbitraries.integers().between(1, 6),
                        Arbitraries.of(List.of("a", "z"), List.of("cust-00000", "cust-99999"), List.of("\u00e9", "\uD83D\uDE00")))
                .as((count, domain) -> new TableSpec("customers", "email", KeyType.STRING,
                        new InitialPartitioning.EqualRanges(count, Key.of(domain.get(0)), Key.of(domain.get(1)))));
        Arbitrary<TableSpec> explicit = stringKey().filter(k -> !k.text().isEmpty()).set().ofMaxSize(5)
                .map(set -> new TableSpec("customers", "email", KeyType.STRING,
                        new InitialPartitioning.ExplicitBoundaries(List.copyOf(new TreeSet<>(set)))));
        return Arbitraries.oneOf(equal, explicit);
    }

    @Provide
    Arbitrary<List<List<Op>>> longPlans() {
        return plans(longKey());
    }

    @Provide
    Arbitrary<List<List<Op>>> stringPlans() {
        return plans(stringKey());
    }

    private static Arbitrary<List<List<Op>>> plans(Arbitrary<Key> points) {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(Kind.SPLIT)),
                Tuple.of(3, Arbitraries.just(Kind.MERGE)),
                Tuple.of(1, Arbitraries.just(Kind.MERGE_FRESH)));
        Arbitrary<Op> op = Combinators.combine(
                        kinds, Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(2, 4), points)
                .as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(4).list().ofMaxSize(25);
    }
}
