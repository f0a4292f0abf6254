package dev.thermocline.core.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.restore.KeyInterval;
import org.junit.jupiter.api.Test;

class KeyRangeTest {

    @Test
    void startIsInclusiveEndExclusive() {
        KeyRange r = KeyRange.of(Key.of(10), Key.of(20));
        assertThat(r.contains(Key.of(10))).isTrue();
        assertThat(r.contains(Key.of(19))).isTrue();
        assertThat(r.contains(Key.of(20))).isFalse();
        assertThat(r.contains(Key.of(9))).isFalse();
    }

    @Test
    void nullEndsAreUnbounded() {
        assertThat(KeyRange.of(null, Key.of(0)).contains(Key.of(Long.MIN_VALUE))).isTrue();
        assertThat(KeyRange.of(Key.of(0), null).contains(Key.of(Long.MAX_VALUE))).isTrue();
        assertThat(KeyRange.all().contains(Key.of(""))).isTrue();
    }

    @Test
    void emptyOrInvertedRangesAreRejectedNamingBothEnds() {
        assertThatThrownBy(() -> KeyRange.of(Key.of(20), Key.of(20)))
                .hasMessageContaining("[20, 20) is empty");
        assertThatThrownBy(() -> KeyRange.of(Key.of(30), Key.of(20)))
                .hasMessageContaining("start 30 must be below end 20");
        assertThatThrownBy(() -> KeyRange.of(null, Key.of(Long.MIN_VALUE)))
                .hasMessageContaining("is empty: no key is below");
        assertThatThrownBy(() -> KeyRange.of(null, Key.of("")))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> KeyRange.of(Key.of(1), Key.of("b")))
                .hasMessageContaining("mixes a long start with a string end");
    }

    @Test
    void stringRangesFollowUtf8ByteOrderNotUtf16() {
        // U+FF01 sorts after U+1F600 in UTF-16 (surrogates are 0xD8xx) but before it in UTF-8.
        KeyRange r = KeyRange.of(Key.of("\uFF01"), null);
        assertThat(r.contains(Key.of("\uD83D\uDE00"))).isTrue();
    }

    @Test
    void overlapsAnInclusiveIntervalAtItsStartButNotAtItsEnd() {
        KeyRange r = KeyRange.of(Key.of(10), Key.of(20));
        assertThat(r.overlaps(KeyInterval.closed(Key.of(0), Key.of(10)))).isTrue();
        assertThat(r.overlaps(KeyInterval.closed(Key.of(20), Key.of(30)))).isFalse();
        assertThat(r.overlaps(KeyInterval.closed(Key.of(19), Key.of(30)))).isTrue();
        assertThat(r.overlaps(KeyInterval.atMost(Key.of(9)))).isFalse();
        assertThat(r.overlaps(KeyInterval.atLeast(Key.of(5)))).isTrue();
        assertThat(r.overlaps(KeyInterval.all())).isTrue();
        assertThat(KeyRange.of(null, Key.of(0)).overlaps(KeyInterval.atLeast(Key.of(0)))).isFalse();
    }

    @Test
    void canSplitOnlyStrictlyInside() {
        KeyRange r = KeyRange.of(Key.of(10), Key.of(20));
        assertThat(r.canSplitAt(Key.of(10))).isFalse();
        assertThat(r.canSplitAt(Key.of(11))).isTrue();
        assertThat(r.canSplitAt(Key.of(20))).isFalse();
        assertThat(KeyRange.all().canSplitAt(Key.of(Long.MIN_VALUE))).isFalse();
        assertThat(KeyRange.all().canSplitAt(Key.of(Long.MIN_VALUE + 1))).isTrue();
    }

    @Test
    void printsHalfOpen() {
        assertThat(KeyRange.of(null, Key.of(5))).hasToString("[-inf, 5)");
        assertThat(KeyRange.of(Key.of(5), null)).hasToString("[5, +inf)");
    }
}
