package dev.thermocline.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogColorScaleTest {

    @Test
    void brightnessRisesAlongTheRamp() {
        double previous = -1;
        for (int i = 0; i < LogColorScale.COLORS; i++) {
            int c = LogColorScale.rgb(i);
            double luma = 0.299 * (c >> 16 & 0xFF) + 0.587 * (c >> 8 & 0xFF) + 0.114 * (c & 0xFF);
            assertThat(luma).as("colour %d #%06x", i, c).isGreaterThanOrEqualTo(previous - 1.5);
            previous = luma;
        }
        assertThat(LogColorScale.rgb(0)).isEqualTo(0x000004);
        assertThat(LogColorScale.rgb(255)).isEqualTo(0xFCFFA4);
    }

    @Test
    void valuesMapLogarithmically() {
        LogColorScale scale = new LogColorScale(999);
        assertThat(scale.fraction(0)).isZero();
        assertThat(scale.fraction(999)).isEqualTo(1);
        assertThat(scale.fraction(Math.sqrt(1000) - 1)).isCloseTo(0.5, within(1e-9));
        assertThat(scale.index(0)).isZero();
        assertThat(scale.index(999)).isEqualTo(255);
        assertThat(new LogColorScale(0).index(5)).isZero();
    }

    @Test
    void legendTicksArePowersOfTenUpToTheMax() {
        assertThat(new LogColorScale(2500).tickValues()).containsExactly(0.0, 1.0, 10.0, 100.0, 1000.0, 2500.0);
        assertThat(new LogColorScale(0).tickValues()).containsExactly(0.0);
    }

    @Test
    void countsPrintCompactly() {
        assertThat(LogColorScale.compact(950)).isEqualTo("950");
        assertThat(LogColorScale.compact(999.9999999)).isEqualTo("1k");
        assertThat(LogColorScale.compact(1234)).isEqualTo("1.2k");
        assertThat(LogColorScale.compact(34_000)).isEqualTo("34k");
        assertThat(LogColorScale.compact(5_600_000)).isEqualTo("5.6M");
        assertThat(LogColorScale.compact(2.5)).isEqualTo("2.5");
    }
}
