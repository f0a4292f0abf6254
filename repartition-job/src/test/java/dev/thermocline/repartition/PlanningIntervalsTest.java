package dev.thermocline.repartition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlanningIntervalsTest {

    private final PlanningIntervals minutes = PlanningIntervals.of(Duration.ofMinutes(1));

    @Test
    void aWindowEndingOnABoundaryBelongsToTheIntervalEndingThere() {
        assertThat(minutes.endOf(120_000)).isEqualTo(120_000);
        assertThat(minutes.endOf(120_001)).isEqualTo(180_000);
        assertThat(minutes.endOf(179_999)).isEqualTo(180_000);
        assertThat(minutes.endOf(0)).isZero();
        assertThat(minutes.endOf(-1)).as("before the epoch too").isZero();
        assertThat(minutes.endOf(-60_001)).isEqualTo(-60_000);
        assertThat(minutes.next(180_000)).isEqualTo(240_000);
    }

    @Test
    void optionsNameWhatIsWrong() {
        assertThatThrownBy(() -> RepartitionOptions.defaults().withInterval(Duration.ZERO))
                .hasMessage("interval PT0S must be positive");
        assertThatThrownBy(() -> RepartitionOptions.defaults().withMaxOutOfOrderness(Duration.ofSeconds(-1)))
                .hasMessage("maxOutOfOrderness PT-1S must not be negative");
        assertThatThrownBy(() -> RepartitionOptions.defaults().withMaxCommitAttempts(0))
                .hasMessage("maxCommitAttempts 0 must be at least 1");
    }
}
