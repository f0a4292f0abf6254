package dev.thermocline.core.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.key.InvalidKeyException;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RangeSelectionTest {

    private static final Instant T = Instant.parse("2026-11-24T10:31:00Z");

    @Test
    void readsClosedAndOpenLongRanges() {
        assertThat(RangeSelection.parseRange("10400..10599", KeyType.LONG).interval())
                .isEqualTo(KeyInterval.closed(Key.of(10400), Key.of(10599)));
        assertThat(RangeSelection.parseRange("10400..", KeyType.LONG).interval()).isEqualTo(KeyInterval.atLeast(Key.of(10400)));
        assertThat(RangeSelection.parseRange("..10599", KeyType.LONG).interval()).isEqualTo(KeyInterval.atMost(Key.of(10599)));
        assertThat(RangeSelection.parseRange("..", KeyType.LONG).interval()).isEqualTo(KeyInterval.all());
        assertThat(RangeSelection.parseRange("-20..-10", KeyType.LONG).interval())
                .isEqualTo(KeyInterval.closed(Key.of(-20), Key.of(-10)));
        assertThat(RangeSelection.parseRange(" 5 .. 7 ", KeyType.LONG).interval())
                .isEqualTo(KeyInterval.closed(Key.of(5), Key.of(7)));
        assertThat(RangeSelection.parseRange("7..7", KeyType.LONG).contains(Key.of(7))).isTrue();
    }

    @Test
    void readsAnOwnAsOfAfterTheLastAt() {
        RangeSelection.Interval iso = RangeSelection.parseRange("1..9@2026-11-24T10:31:00Z", KeyType.LONG);
        assertThat(iso.interval()).isEqualTo(KeyInterval.closed(Key.of(1), Key.of(9)));
        assertThat(iso.asOf()).isEqualTo(T);
        assertThat(RangeSelection.parseRange("1..@" + T.toEpochMilli(), KeyType.LONG).asOf()).isEqualTo(T);
        assertThat(RangeSelection.parseRange("1..9", KeyType.LONG).asOf()).isNull();
        assertThat(iso.effectiveAsOf(Instant.EPOCH)).isEqualTo(T);
        assertThat(RangeSelection.parseRange("1..9", KeyType.LONG).effectiveAsOf(Instant.EPOCH)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void stringKeysKeepAtSignsThatAreNotTimesAndSplitAtTheFirstDots() {
        RangeSelection.Interval emails = RangeSelection.parseRange("alice@x.com..bob@y.com", KeyType.STRING);
        assertThat(emails.interval()).isEqualTo(KeyInterval.closed(Key.of("alice@x.com"), Key.of("bob@y.com")));
        assertThat(emails.asOf()).isNull();

        RangeSelection.Interval timed = RangeSelection.parseRange("alice@x.com..bob@y.com@2026-11-24T10:31:00Z", KeyType.STRING);
        assertThat(timed.interval().high()).isEqualTo(Key.of("bob@y.com"));
        assertThat(timed.asOf()).isEqualTo(T);

        // a key ending in @digits needs an explicit @TIME after it
        RangeSelection.Interval digits = RangeSelection.parseRange("a..order@42@" + T.toEpochMilli(), KeyType.STRING);
        assertThat(digits.interval().high()).isEqualTo(Key.of("order@42"));

        assertThat(RangeSelection.parseRange("a..b..c", KeyType.STRING).interval())
                .isEqualTo(KeyInterval.closed(Key.of("a"), Key.of("b..c")));
        assertThat(RangeSelection.parseRange(" a.. b", KeyType.STRING).interval())
                .isEqualTo(KeyInterval.closed(Key.of(" a"), Key.of(" b")));
    }

    @Test
    void badRangesAreRejectedNamingTheText() {
        assertThatThrownBy(() -> RangeSelection.parseRange("10400-10599", KeyType.LONG))
                .hasMessage("range '10400-10599' has no '..': expected LO..HI, LO.. or ..HI (optionally followed by @TIME)");
        assertThatThrownBy(() -> RangeSelection.parseRange("10..x", KeyType.LONG))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessage("range '10..x': key 'x' is not a long");
        assertThatThrownBy(() -> RangeSelection.parseRange("20..10", KeyType.LONG))
                .hasMessage("range '20..10': key interval 20..10 is inverted: low 20 is above high 10");
        assertThatThrownBy(() -> RangeSelection.parseRange("b..a", KeyType.STRING))
                .hasMessageContaining("low b is above high a");
        assertThatThrownBy(() -> RangeSelection.parseRange("1..9@noon", KeyType.LONG))
                .hasMessageStartingWith("range '1..9@noon': time 'noon' is neither an ISO-8601 instant");
        assertThatThrownBy(() -> RangeSelection.parseRange("a..b@2026-11-24T25:00:00Z", KeyType.STRING))
                .hasMessageStartingWith("range 'a..b@2026-11-24T25:00:00Z': time '2026-11-24T25:00:00Z' is neither");
    }

    @Test
    void readsKeyListsSortedAndDistinct() {
        RangeSelection.KeyList keys = RangeSelection.parseKeys("42,7, 1001,7", KeyType.LONG);
        assertThat(keys.keys()).containsExactly(Key.of(7), Key.of(42), Key.of(1001));
        assertThat(keys.asOf()).isNull();
        assertThat(keys.contains(Key.of(42))).isTrue();
        assertThat(keys.contains(Key.of(43))).isFalse();
        assertThat(keys.intervals()).containsExactly(
                KeyInterval.point(Key.of(7)), KeyInterval.point(Key.of(42)), KeyInterval.point(Key.of(1001)));
        assertThat(keys).hasToString("7,42,1001");

        RangeSelection.KeyList timed = RangeSelection.parseKeys("b@x.com,a@x.com@2026-11-24T10:31:00Z", KeyType.STRING);
        assertThat(timed.keys()).containsExactly(Key.of("a@x.com"), Key.of("b@x.com"));
        assertThat(timed.asOf()).isEqualTo(T);
    }

    @Test
    void badKeyListsAreRejectedNamingTheText() {
        assertThatThrownBy(() -> RangeSelection.parseKeys("1,,3", KeyType.LONG))
                .hasMessage("key list '1,,3': key 2 is empty");
        assertThatThrownBy(() -> RangeSelection.parseKeys("1,two", KeyType.LONG))
                .hasMessage("key list '1,two': key 'two' is not a long");
        assertThatThrownBy(() -> RangeSelection.parseKeys("", KeyType.STRING))
                .hasMessage("key list '': key 1 is empty");
        assertThatThrownBy(() -> RangeSelection.parseKeys("1,2@tomorrow", KeyType.LONG))
                .hasMessageStartingWith("key list '1,2@tomorrow': time 'tomorrow' is neither");
    }

    @Test
    void keyIntervalsNameBothEndsWhenInverted() {
        assertThatThrownBy(() -> KeyInterval.closed(Key.of(5), Key.of(1)))
                .hasMessage("key interval 5..1 is inverted: low 5 is above high 1");
        assertThatThrownBy(() -> KeyInterval.closed(Key.of(5), Key.of("x")))
                .hasMessageContaining("mixes a long low with a string high");
        assertThat(KeyInterval.atLeast(Key.of(5))).hasToString("5..");
    }
}
