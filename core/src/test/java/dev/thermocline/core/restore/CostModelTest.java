package dev.thermocline.core.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostModelTest {

    private final CostModel model = new CostModel(100, 10, 0.5, 2);

    private static UnitEstimate unit(int i, long baseBytes, long changeBytes) {
        return new UnitEstimate(i, new ReadEstimate(1, baseBytes, 1), new ReadEstimate(1, changeBytes, 1));
    }

    @Test
    void aUnitCostsItsBaseAndChangeBytesAtTheirRatesPlusItsFiles() {
        assertThat(model.unitSeconds(unit(0, 300, 20))).isEqualTo(3 + 2 + 1.0);
    }

    @Test
    void unitsRunLongestFirstOnTheLeastLoadedSlotAndTheBusiestSlotDecides() {
        // unit seconds (with 1 s of files each): 11, 6, 5, 4
        List<UnitEstimate> units = List.of(unit(0, 1000, 0), unit(1, 500, 0), unit(2, 400, 0), unit(3, 300, 0));
        int[] slots = model.assign(units, 2);
        assertThat(slots[0]).isNotEqualTo(slots[1]);
        assertThat(slots[2]).isEqualTo(slots[1]);
        // loads: slot A = 11, slot B = 6 + 5 = 11, unit 3 (4 s) joins either: 15
        assertThat(model.predict(units, 2)).isEqualTo(Duration.ofSeconds(2 + 15));
        assertThat(model.predict(units, 8)).as("one slot per unit at most").isEqualTo(Duration.ofSeconds(2 + 11));
        assertThat(model.predict(units, 1)).isEqualTo(Duration.ofSeconds(2 + 26));
    }

    @Test
    void calibrationMovesHalfwayTowardsWhatWasMeasured() {
        CostModel next = model.calibrated(300, 0, 4);
        assertThat(next.baseBytesPerSecond()).isEqualTo(200);
        assertThat(next.changeBytesPerSecond()).as("no change bytes measured: unchanged").isEqualTo(10);
        assertThat(next.startupSeconds()).isEqualTo(3);
        assertThatThrownBy(() -> new CostModel(0, 1, 0, 0)).hasMessageContaining("must be positive");
    }
}
