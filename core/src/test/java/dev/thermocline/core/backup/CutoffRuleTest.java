package dev.thermocline.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CutoffRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Instant COMPLETE = Instant.parse("2026-11-24T11:59:30Z");

    @Test
    void defaultsToWhereTheLogIsCompleteButNeverLaterThanNow() {
        assertThat(CutoffRule.choose(Optional.empty(), Optional.of(COMPLETE), NOW)).isEqualTo(COMPLETE);
        assertThat(CutoffRule.choose(Optional.empty(), Optional.of(NOW.plusSeconds(60)), NOW)).isEqualTo(NOW);
    }

    @Test
    void acceptsAnEarlierRequestAndRefusesALaterOneNamingTheBound() {
        Instant earlier = COMPLETE.minusSeconds(600);
        assertThat(CutoffRule.choose(Optional.of(earlier), Optional.of(COMPLETE), NOW)).isEqualTo(earlier);
        assertThatThrownBy(() -> CutoffRule.choose(Optional.of(COMPLETE.plusMillis(1)), Optional.of(COMPLETE), NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(COMPLETE.toString());
    }

    @Test
    void refusesWhenNothingIsKnownComplete() {
        assertThatThrownBy(() -> CutoffRule.choose(Optional.empty(), Optional.empty(), NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no completed progress");
    }
}
