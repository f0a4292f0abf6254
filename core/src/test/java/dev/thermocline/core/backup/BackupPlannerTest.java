package dev.thermocline.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackupPlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(600);
    private static final Instant T2 = T0.plusSeconds(1200);
    private static final DuePolicy POLICY = new DuePolicy(100, 4.0, 20, Duration.ofHours(1));
    /** p0 [-inf,100) p1 [100,200) p2 [200,300) p3 [300,+inf). */
    private static final PartitionMap MAP = PartitionMap.initial(new TableSpec("orders", "id", KeyType.LONG,
            new InitialPartitioning.ExplicitBoundaries(List.of(Key.of(100), Key.of(200), Key.of(300)))), Instant.EPOCH);

    @Test
    void firstRunCopiesEveryPartitionFromTheChangeLog() {
        BackupPlan plan = BackupPlanner.plan(MAP, List.of(), T1, Set.of(), POLICY, (p, c) -> quiet());

        assertThat(plan.tasks()).hasSize(4).allSatisfy(t -> {
            assertThat(t.reason()).isEqualTo(DueReason.FIRST_COPY);
            assertThat(t.sources()).containsExactly(new CopySource(t.partition().range(), null));
        });
        assertThat(plan.carried()).isEmpty();
        assertThat(plan.replaced()).containsExactlyInAnyOrder("p0", "p1", "p2", "p3");
    }

    @Test
    void quietPartitionsCarryOverAndBusyOnesAreDueByVolumeRateOrAge() {
        List<BackupCopy> previous = copiesOf(MAP, T1);
        BackupPlan plan = BackupPlanner.plan(MAP, previous, T2, Set.of(), POLICY, (p, c) -> switch (p.partitionKey()) {
            case "p0" -> new PartitionActivity(150, 150, Duration.ofMinutes(10));      // volume
            case "p1" -> new PartitionActivity(40, 5, Duration.ofMinutes(10));         // rate shift
            case "p2" -> new PartitionActivity(40, 30, Duration.ofMinutes(10));        // not due
            default -> quiet();
        });

        assertThat(plan.tasks()).extracting(t -> t.partition().partitionKey() + ":" + t.reason())
                .containsExactly("p0:VOLUME", "p1:RATE_SHIFT");
        assertThat(plan.tasks().get(0).sources()).containsExactly(new CopySource(previous.get(0).range(), previous.get(0)));
        assertThat(plan.carried()).containsExactly(previous.get(2), previous.get(3));
        assertThat(plan.replaced()).containsExactlyInAnyOrder("p0", "p1");
    }

    @Test
    void onDemandForcesACopyAndUnknownPartitionsAreNamed() {
        BackupPlan plan = BackupPlanner.plan(MAP, copiesOf(MAP, T1), T2, Set.of("p3"), POLICY, (p, c) -> quiet());
        assertThat(plan.tasks()).extracting(t -> t.partition().partitionKey() + ":" + t.reason())
                .containsExactly("p3:ON_DEMAND");

        assertThatThrownBy(() -> BackupPlanner.plan(MAP, List.of(), T2, Set.of("p9"), POLICY, (p, c) -> quiet()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[p9]");
    }

    @Test
    void splitChildrenAreRewrittenFromTheParentCopyAndTheParentIsReplaced() {
        List<BackupCopy> previous = copiesOf(MAP, T1);
        PartitionMap split = MAP.split("p1", Key.of(150), T1, "test");  // p1 [100,150) p4 [150,200)

        BackupPlan plan = BackupPlanner.plan(split, previous, T2, Set.of(), POLICY, (p, c) -> quiet());

        BackupCopy parent = previous.get(1);
        assertThat(plan.tasks()).extracting(t -> t.partition().partitionKey() + ":" + t.reason())
                .containsExactly("p1:LAYOUT_CHANGED", "p4:LAYOUT_CHANGED");
        assertThat(plan.tasks().get(0).sources()).containsExactly(new CopySource(range(100, 150), parent));
        assertThat(plan.tasks().get(1).sources()).containsExactly(new CopySource(range(150, 200), parent));
        assertThat(plan.carried()).containsExactly(previous.get(0), previous.get(2), previous.get(3));
        assertThat(plan.replaced()).containsExactlyInAnyOrder("p1", "p4");
    }

    @Test
    void aMergedUnionIsBuiltFromEachPartsCopyAndTheMergedAwayIdsAreReplaced() {
        List<BackupCopy> previous = new ArrayList<>(copiesOf(MAP, T1));
        previous.set(2, copy("p2", range(200, 300), T0));  // parts may have different cutoffs
        PartitionMap merged = MAP.merge(List.of("p1", "p2"), T1, "test");  // p1 [100,300)

        BackupPlan plan = BackupPlanner.plan(merged, previous, T2, Set.of(), POLICY, (p, c) -> quiet());

        assertThat(plan.tasks()).hasSize(1);
        assertThat(plan.tasks().get(0).sources()).containsExactly(
                new CopySource(range(100, 200), previous.get(1)), new CopySource(range(200, 300), previous.get(2)));
        assertThat(plan.tasks().get(0).sources().get(1).after()).isEqualTo(T0);
        assertThat(plan.replaced()).containsExactlyInAnyOrder("p1", "p2");
    }

    @Test
    void keysNoCopyCoveredAreReplayedFromTheStart() {
        List<BackupCopy> onlyP1 = List.of(copiesOf(MAP, T1).get(1));
        PartitionMap merged = MAP.merge(List.of("p0", "p1", "p2"), T1, "test");  // p0 [-inf,300)

        BackupPlan plan = BackupPlanner.plan(merged, onlyP1, T2, Set.of(), POLICY, (p, c) -> quiet());

        assertThat(plan.tasks().get(0).sources()).containsExactly(
                new CopySource(new KeyRange(null, Key.of(100)), null),
                new CopySource(range(100, 200), onlyP1.get(0)),
                new CopySource(range(200, 300), null));
        assertThat(plan.tasks()).extracting(t -> t.partition().partitionKey() + ":" + t.reason())
                .containsExactly("p0:LAYOUT_CHANGED", "p3:FIRST_COPY");
    }

    @Test
    void aCutoffBeforeTheCopyItBuildsOnIsRefusedNamingBoth() {
        PartitionMap split = MAP.split("p1", Key.of(150), T1, "test");
        assertThatThrownBy(() -> BackupPlanner.plan(split, copiesOf(MAP, T2), T1, Set.of(), POLICY, (p, c) -> quiet()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("copy p1").hasMessageContaining(T2.toString()).hasMessageContaining(T1.toString());
    }

    @Test
    void duePolicyNeedsAChangeForAgeAndARiseForARateShift() {
        assertThat(POLICY.due(new PartitionActivity(0, 0, Duration.ofDays(3)))).isEmpty();
        assertThat(POLICY.due(new PartitionActivity(1, 0, Duration.ofHours(1)))).contains(DueReason.AGE);
        assertThat(POLICY.due(new PartitionActivity(19, 0, Duration.ofMinutes(1)))).isEmpty();
        assertThat(POLICY.due(new PartitionActivity(20, 5, Duration.ofMinutes(1)))).contains(DueReason.RATE_SHIFT);
        assertThat(POLICY.due(new PartitionActivity(99, 30, Duration.ofMinutes(1)))).isEmpty();
        assertThat(POLICY.due(new PartitionActivity(100, 1000, Duration.ofMinutes(1)))).contains(DueReason.VOLUME);
    }

    private static PartitionActivity quiet() {
        return new PartitionActivity(0, 0, Duration.ofMinutes(10));
    }

    private static List<BackupCopy> copiesOf(PartitionMap map, Instant cutoff) {
        return map.partitions().stream().map(p -> copy(p.partitionKey(), p.range(), cutoff)).toList();
    }

    private static BackupCopy copy(String id, KeyRange range, Instant cutoff) {
        return new BackupCopy("orders", id, range, 0, cutoff, 0, 0, 1);
    }

    private static KeyRange range(long start, long end) {
        return new KeyRange(Key.of(start), Key.of(end));
    }
}
