package dev.thermocline.core.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.KeyRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeySpansTest {

    @Test
    void inclusiveIntervalsBecomeHalfOpenRangesEndingAtTheSuccessor() {
        assertThat(KeySpans.toRange(KeyInterval.closed(Key.of(5), Key.of(9)))).isEqualTo(KeyRange.of(Key.of(5), Key.of(10)));
        assertThat(KeySpans.toRange(KeyInterval.atMost(Key.of(Long.MAX_VALUE)))).isEqualTo(KeyRange.all());
        KeyRange ab = KeySpans.toRange(KeyInterval.closed(Key.of("a"), Key.of("b")));
        assertThat(ab.contains(Key.of("b"))).isTrue();
        assertThat(ab.contains(Key.of("b\0"))).isFalse();
        assertThat(ab.contains(Key.of("ba"))).isFalse();
    }

    @Test
    void unionMergesOverlappingAndTouchingRangesIncludingOpenOnes() {
        KeySpans spans = KeySpans.of(List.of(
                KeySpans.toRange(KeyInterval.atMost(Key.of(39))),
                KeySpans.toRange(KeyInterval.atMost(Key.of(38))),
                KeySpans.toRange(KeyInterval.closed(Key.of(40), Key.of(41))),
                KeySpans.toRange(KeyInterval.point(Key.of(50)))));
        assertThat(spans.ranges()).containsExactly(KeyRange.of(null, Key.of(42)), KeyRange.of(Key.of(50), Key.of(51)));
        assertThat(spans).hasToString("..41, 50");
    }

    @Test
    void keyListsAreOneKeySpansAndIntersectWithPartitions() {
        KeySpans keys = KeySpans.of(RangeSelection.parseKeys("7,42,1001", KeyType.LONG));
        KeySpans inPartition = keys.intersect(KeyRange.of(Key.of(10), Key.of(1001)));
        assertThat(inPartition).hasToString("42");
        assertThat(inPartition.contains(Key.of(42))).isTrue();
        assertThat(inPartition.contains(Key.of(43))).isFalse();
        assertThat(keys.intersect(KeyRange.of(Key.of(8), Key.of(41))).isEmpty()).isTrue();
    }

    @Test
    void intersectionOfTwoSpanSetsKeepsOnlySharedKeys() {
        KeySpans a = KeySpans.of(List.of(KeyRange.of(Key.of(0), Key.of(10)), KeyRange.of(Key.of(20), null)));
        KeySpans b = KeySpans.of(List.of(KeyRange.of(Key.of(5), Key.of(25))));
        assertThat(a.intersect(b)).hasToString("5..9, 20..24");
        assertThat(a.covering()).isEqualTo(KeyRange.of(Key.of(0), null));
    }
}
