package dev.thermocline.core.repartition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HoltTrendTest {

    @Test
    void aLinearSeriesIsForecastExactlyOnceSettled() {
        HoltTrend h = HoltTrend.start(100);
        for (int t = 1; t <= 40; t++) {
            h = h.next(100 + 10 * t, 0.5, 0.3);
        }

        assertThat(h.level()).isCloseTo(500, within(0.5));
        assertThat(h.trend()).isCloseTo(10, within(0.05));
        assertThat(h.forecast(3)).isCloseTo(530, within(0.5));
    }

    @Test
    void aFallingForecastStopsAtZero() {
        HoltTrend h = new HoltTrend(10, -20);

        assertThat(h.forecast(0)).isEqualTo(10);
        assertThat(h.forecast(3)).isZero();
    }

    @Test
    void partsOfAStateAddUpToTheWhole() {
        HoltTrend h = new HoltTrend(300, 12);

        HoltTrend sum = h.scaled(0.25).plus(h.scaled(0.75));

        assertThat(sum.level()).isCloseTo(300, within(1e-9));
        assertThat(sum.trend()).isCloseTo(12, within(1e-9));
    }
}
