package dev.thermocline.core.repartition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.heat.KeySketchView;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.KeyRange;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SplitPointFinderTest {

    private static final KeyRange P = KeyRange.of(Key.of(0), Key.of(100_000));

    @Test
    void evenlySpreadHeatIsCutAtTheMedianByBothRules() {
        KeySketchView keys = longs(0, 100_000, 1, 1);

        for (SplitRule rule : SplitRule.values()) {
            SplitPointFinder.SplitPoint cut = SplitPointFinder.find(rule, P, keys, 1).orElseThrow();
            assertThat(value(cut.key())).as("%s", rule).isBetween(48_000L, 52_000L);
            assertThat(cut.leftShare()).as("%s", rule).isCloseTo(0.5, within(0.03));
        }
    }

    @Test
    void aHotRegionInTheMiddleIsCutAtItsEdgeWhenIsolatingAndThroughItWhenBalancing() {
        KeySketch sketch = KeySketch.create(KeyType.LONG);
        for (long k = 0; k < 100_000; k += 10) {
            sketch.update(Key.of(k)); // cold background
        }
        for (long k = 60_000; k < 61_000; k++) {
            sketch.update(Key.of(k), 20); // hot region: 20 000 of 30 000 accesses
        }

        long isolate = value(SplitPointFinder.find(SplitRule.ISOLATE_HEAT, P, sketch.view(), 64).orElseThrow().key());
        long balance = value(SplitPointFinder.find(SplitRule.BALANCE_HEAT, P, sketch.view(), 64).orElseThrow().key());

        // KLL compaction keeps only a sample of the keys (about one retained key per ~100 of the background,
        // chosen by the library's unseeded coin flips), so an edge is found to within that resolution:
        // within 150 keys of it (15% of the hot region's width), where the median cut lies ~500 keys inside.
        assertThat(isolate).as("an edge of [60000, 61000), to the sketch's resolution").satisfiesAnyOf(
                k -> assertThat(k).isBetween(59_850L, 60_150L), k -> assertThat(k).isBetween(60_850L, 61_150L));
        assertThat(balance).as("the heat median lies inside the hot region").isBetween(60_000L, 61_000L);
    }

    @Test
    void aSingleHotKeyEndsUpAloneAfterRepeatedCuts() {
        KeySketch sketch = KeySketch.create(KeyType.LONG);
        sketch.update(Key.of(42_000), 10_000);
        sketch.update(Key.of(10));
        KeyRange range = P;
        for (int step = 0; step < 3; step++) {
            Optional<SplitPointFinder.SplitPoint> cut = SplitPointFinder.find(SplitRule.BALANCE_HEAT, range,
                    sketch.view().within(range), 1);
            if (cut.isEmpty()) {
                break;
            }
            Key k = cut.get().key();
            range = KeyRange.of(range.start(), k).contains(Key.of(42_000)) ? KeyRange.of(range.start(), k) : KeyRange.of(k, range.end());
        }
        assertThat(range).isEqualTo(KeyRange.of(Key.of(42_000), Key.of(42_001)));
        assertThat(SplitPointFinder.find(SplitRule.BALANCE_HEAT, range, sketch.view().within(range), 1)).isEmpty();
    }

    @Test
    void cutsAreMovedInwardsToKeepTheMinimumWidth() {
        KeySketch sketch = KeySketch.create(KeyType.LONG);
        sketch.update(Key.of(100), 1_000);

        SplitPointFinder.SplitPoint cut = SplitPointFinder.find(SplitRule.BALANCE_HEAT, P, sketch.view(), 5_000).orElseThrow();

        assertThat(value(cut.key())).isEqualTo(5_000);
        assertThat(SplitPointFinder.find(SplitRule.ISOLATE_HEAT, KeyRange.of(Key.of(0), Key.of(9_999)), sketch.view(), 5_000))
                .as("narrower than two minimum widths").isEmpty();
    }

    @Test
    void openEndedRangesAreCutWhereTheKeysAre() {
        KeySketchView keys = longs(1_000_000, 1_100_000, 1, 1);

        SplitPointFinder.SplitPoint cut = SplitPointFinder.find(SplitRule.ISOLATE_HEAT, KeyRange.all(), keys, 1024).orElseThrow();

        assertThat(value(cut.key())).isBetween(1_040_000L, 1_060_000L);
    }

    @Test
    void withoutSketchedKeysOnlyABoundedLongRangeIsCutInTheMiddle() {
        KeySketchView none = KeySketch.create(KeyType.LONG).view();

        assertThat(SplitPointFinder.find(SplitRule.BALANCE_HEAT, P, none, 1).orElseThrow().key()).isEqualTo(Key.of(50_000));
        assertThat(SplitPointFinder.find(SplitRule.BALANCE_HEAT, KeyRange.of(null, Key.of(5)), none, 1)).isEmpty();
    }

    @Test
    void stringKeysAreCutAtTheMedianAndNeverAtTheStart() {
        KeySketch sketch = KeySketch.create(KeyType.STRING);
        for (String k : new String[] {"apple", "banana", "cherry", "damson"}) {
            sketch.update(Key.of(k), 10);
        }
        KeyRange range = KeyRange.of(Key.of("a"), Key.of("e"));

        Key cut = SplitPointFinder.find(SplitRule.ISOLATE_HEAT, range, sketch.view(), 1).orElseThrow().key();
        assertThat(cut).isIn(Key.of("banana"), Key.of("cherry"));

        KeySketch one = KeySketch.create(KeyType.STRING);
        one.update(Key.of("m"), 50);
        KeyRange startsAtIt = KeyRange.of(Key.of("m"), Key.of("z"));
        Key after = SplitPointFinder.find(SplitRule.BALANCE_HEAT, startsAtIt, one.view(), 1).orElseThrow().key();
        assertThat(after).as("the quantiles collapse onto the start: cut right after the key").isEqualTo(Key.of("m\u0000"));
        KeyRange alone = KeyRange.of(Key.of("m"), Key.of("m\u0000"));
        assertThat(SplitPointFinder.find(SplitRule.BALANCE_HEAT, alone, one.view(), 1)).isEmpty();
    }

    private static KeySketchView longs(long from, long to, long step, long weight) {
        KeySketch sketch = KeySketch.create(KeyType.LONG);
        for (long k = from; k < to; k += step) {
            sketch.update(Key.of(k), weight);
        }
        return sketch.view();
    }

    private static long value(Key k) {
        return ((LongKey) k).value();
    }
}
