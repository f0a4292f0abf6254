package dev.thermocline.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.KeyRange;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyAxisTest {

    private final LinearKeyAxis linear = new LinearKeyAxis(0, 1000, 100);

    @Test
    void linearBandsHoldTenKeysEach() {
        assertThat(linear.bandOf(Key.of(0))).isZero();
        assertThat(linear.bandOf(Key.of(559))).isEqualTo(55);
        assertThat(linear.bandOf(Key.of(-5))).isZero();
        assertThat(linear.bandOf(Key.of(5000))).isEqualTo(99);
        assertThat(linear.bandText(55)).isEqualTo("550..559");
        assertThat(linear.position(Key.of(600))).isEqualTo(60);
    }

    @Test
    void anUnevenRangeSpreadsByOverlap() {
        double[] shares = linear.uniform(KeyRange.of(Key.of(255), Key.of(275)));
        assertThat(shares[25]).isCloseTo(0.25, within(1e-9));
        assertThat(shares[26]).isCloseTo(0.5, within(1e-9));
        assertThat(shares[27]).isCloseTo(0.25, within(1e-9));
        assertThat(Arrays.stream(shares).sum()).isCloseTo(1, within(1e-9));
    }

    @Test
    void openRangesStopAtTheAxisEnds() {
        double[] below = linear.uniform(KeyRange.of(null, Key.of(100)));
        assertThat(Arrays.stream(below, 0, 10).allMatch(s -> Math.abs(s - 0.1) < 1e-9)).isTrue();
        double[] offAxis = linear.uniform(KeyRange.of(Key.of(2000), null));
        assertThat(offAxis[99]).isEqualTo(1);
    }

    @Test
    void fewKeysMeanFewerBands() {
        assertThat(LinearKeyAxis.covering(10, 30, 100).bands()).isEqualTo(20);
        assertThat(LinearKeyAxis.covering(10, 30, 100).bandText(3)).isEqualTo("13");
    }

    @Test
    void linearTicksAreRound() {
        assertThat(linear.ticks(10)).extracting(KeyAxis.Tick::label)
                .containsExactly("0", "100", "200", "300", "400", "500", "600", "700", "800", "900", "1000");
    }

    @Test
    void segmentsAreCutAtTheBoundaries() {
        SegmentKeyAxis axis = new SegmentKeyAxis(List.of(Key.of("n"), Key.of("g"), Key.of("g")));
        assertThat(axis.bands()).isEqualTo(3);
        assertThat(axis.bandOf(Key.of("a"))).isZero();
        assertThat(axis.bandOf(Key.of("g"))).isEqualTo(1);
        assertThat(axis.bandOf(Key.of("zz"))).isEqualTo(2);
        assertThat(axis.position(Key.of("n"))).isEqualTo(2);
        assertThat(axis.bandText(0)).isEqualTo("[-inf, g)");
        assertThat(axis.uniform(KeyRange.of(Key.of("g"), null))).containsExactly(0, 0.5, 0.5);
        assertThat(axis.ticks(10)).extracting(KeyAxis.Tick::label).containsExactly("g", "n");
    }
}
