package dev.thermocline.core.repartition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlannerSettingsTest {

    @Test
    void defaultsAreThoseDocumented() {
        PlannerSettings s = PlannerSettings.defaults();

        assertThat(s.splitAboveShare()).isEqualTo(0.125);
        assertThat(s.mergeBelowShare()).isEqualTo(0.03125);
        assertThat(s.mergeCoolDownIntervals()).isEqualTo(10);
        assertThat(s.forecastHorizon()).isEqualTo(3);
        assertThat(s.classifier()).isEqualTo(HeatClassifier.Kind.K_MEANS);
        assertThat(s.splitRule()).isEqualTo(SplitRule.ISOLATE_HEAT);
        assertThat(s.toBuilder().build()).isEqualTo(s);
    }

    @Test
    void thresholdsTooCloseForHysteresisAreRejectedNamingBoth() {
        assertThatThrownBy(() -> PlannerSettings.builder().splitAboveShare(0.1).mergeBelowShare(0.08).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("merge-below share 0.08 must be at most half the split-above share 0.1, "
                        + "or a split's halves could be merged right back");
    }

    @Test
    void boundsAreChecked() {
        assertThatThrownBy(() -> PlannerSettings.builder().partitions(10, 5).build())
                .hasMessage("max partitions 5 is below min partitions 10");
        assertThatThrownBy(() -> PlannerSettings.builder().maxOperationsPerRevision(0).build())
                .hasMessageContaining("max operations per revision 0");
        assertThatThrownBy(() -> PlannerSettings.builder().forecastHorizon(-1).build())
                .hasMessageContaining("forecast horizon -1");
        assertThatThrownBy(() -> HeatSettings.builder().holt(0, 0.3).build()).hasMessage("Holt alpha 0.0 must be in (0, 1]");
    }

    @Test
    void targetPartitionsSetsBothThresholds() {
        PlannerSettings s = PlannerSettings.builder().targetPartitions(32).build();

        assertThat(s.splitAboveShare()).isEqualTo(1.0 / 16);
        assertThat(s.mergeBelowShare()).isEqualTo(1.0 / 64);
    }
}
