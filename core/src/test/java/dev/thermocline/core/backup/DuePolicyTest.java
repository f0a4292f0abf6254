package dev.thermocline.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DuePolicyTest {

    /** Volume 10 000, rate shift 4x from 1 000, a day, restore cost 1 000 000 (accesses/hour x changes). */
    private static final DuePolicy POLICY = new DuePolicy(10_000, 4.0, 1_000, Duration.ofDays(1), 1_000_000);

    @Test
    void aHotPartitionIsDueByRestoreCostLongBeforeTheVolumeThreshold() {
        // 2 000 accesses an hour x 500 changes = 1 000 000: a restore would replay 500 changes for a partition
        // that is asked for all the time
        PartitionActivity hot = new PartitionActivity(500, 400, Duration.ofMinutes(10), 2_000);
        assertThat(DuePolicy.expectedRestoreCost(hot)).isEqualTo(1_000_000.0);
        assertThat(POLICY.due(hot)).contains(DueReason.RESTORE_COST);
    }

    @Test
    void theSameChangesOnAColdPartitionAreNotDue() {
        PartitionActivity cold = new PartitionActivity(500, 400, Duration.ofMinutes(10), 1_999);
        assertThat(POLICY.due(cold)).isEmpty();
    }

    @Test
    void heatAloneWithoutChangesIsNeverDue() {
        PartitionActivity unchanged = new PartitionActivity(0, 0, Duration.ofDays(3), 1_000_000);
        assertThat(POLICY.due(unchanged)).isEmpty();
    }

    @Test
    void theOtherTriggersStillFireInTheirOrder() {
        assertThat(POLICY.due(new PartitionActivity(10_000, 0, Duration.ofMinutes(1), 1_000_000))).contains(DueReason.VOLUME);
        assertThat(POLICY.due(new PartitionActivity(4_000, 1_000, Duration.ofMinutes(1), 1_000))).contains(DueReason.RATE_SHIFT);
        assertThat(POLICY.due(new PartitionActivity(1, 0, Duration.ofDays(1), 0))).contains(DueReason.AGE);
    }

    @Test
    void withoutTheRestoreCostThresholdHeatChangesNothing() {
        DuePolicy off = new DuePolicy(10_000, 4.0, 1_000, Duration.ofDays(1));
        assertThat(off.restoreCostThreshold()).isInfinite();
        assertThat(off.due(new PartitionActivity(9_999, 9_999, Duration.ofMinutes(10), 1e9))).isEmpty();
    }

    @Test
    void badThresholdsAreNamed() {
        assertThatThrownBy(() -> new DuePolicy(10, 4.0, 1, Duration.ofDays(1), 0))
                .hasMessage("restore cost threshold must be positive, was 0.0");
        assertThatThrownBy(() -> new PartitionActivity(1, 1, Duration.ZERO, -1))
                .hasMessage("accesses per hour must be finite and >= 0, was -1.0");
    }
}
