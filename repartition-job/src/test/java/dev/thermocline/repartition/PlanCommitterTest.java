package dev.thermocline.repartition;

import static dev.thermocline.repartition.SyntheticHeatmap.windowEnd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.repartition.HeatSettings;
import dev.thermocline.core.repartition.PlannerSettings;
import dev.thermocline.core.repartition.RepartitionEngine;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import dev.thermocline.flink.partitionmap.VersionedHistory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit paths against a real JDBC/SQLite catalog and local warehouse (no Flink). */
class PlanCommitterTest {

    private static final SyntheticHeatmap.Hotspot HOT = new SyntheticHeatmap.Hotspot(500_000, 1_000);
    private static final PlannerSettings PLANNER = PlannerSettings.defaults();

    @TempDir
    Path dir;

    private TestWarehouse warehouse;

    @BeforeEach
    void setUp() {
        warehouse = new TestWarehouse(dir);
    }

    @Test
    void aPlanIsCommittedAsTheNextRevisionWithItsDecisionsLogged() throws Exception {
        try (PlanCommitter committer = warehouse.committer()) {
            Decided d = untilDecided(committer, committer.startEngine("orders", windowEnd(0), HeatSettings.defaults(), PLANNER));

            assertThat(d.interval().outcome()).isEqualTo(PlanRound.Outcome.COMMITTED);
            assertThat(d.interval().conflicts()).isZero();
            PartitionMapHistory stored = warehouse.history();
            assertThat(stored.revisions()).extracting(PartitionMap::revision).containsExactly(0L, 1L);
            assertThat(stored.latest().orElseThrow().partitions()).isEqualTo(d.interval().engine().currentMap().partitions());
            assertThat(stored.latest().orElseThrow().validFrom()).isEqualTo(windowEnd(d.window()));
            assertThat(warehouse.snapshotRevisions("partition_map")).containsExactly("0", "1");
            assertThat(warehouse.snapshotRevisions("split_requests")).containsExactly("1");
            assertThat(warehouse.splitRequests()).hasSize(d.interval().committed().orElseThrow().decisions().size())
                    .allSatisfy(r -> assertThat(r.kind()).isEqualTo("split"));
            AuditOracle.assertLogExplainsEveryRevision(stored, warehouse.splitRequests());
        }
    }

    @Test
    void aReplayFromStateThatPredatesTheCommitAdoptsTheStoredRevisionAndWritesNothingTwice() throws Exception {
        try (PlanCommitter committer = warehouse.committer()) {
            Decided d = untilDecided(committer, committer.startEngine("orders", windowEnd(0), HeatSettings.defaults(), PLANNER));
            List<TestWarehouse.SplitRequestRow> logged = warehouse.splitRequests();

            RepartitionEngine restored = EngineBytes.engine(d.stateBefore());
            PlanCommitter.Interval replay = committer.observe(restored,
                    SyntheticHeatmap.window(d.window(), restored.currentMap(), HOT), windowEnd(d.window()));

            assertThat(replay.outcome()).isEqualTo(PlanRound.Outcome.ALREADY_STORED);
            assertThat(warehouse.history().revisions()).hasSize(2);
            assertThat(replay.engine().currentMap()).isEqualTo(warehouse.history().latest().orElseThrow());
            assertThat(warehouse.splitRequests()).containsExactlyInAnyOrderElementsOf(logged);
            assertThat(warehouse.snapshotRevisions("split_requests")).containsExactly("1");
        }
    }

    @Test
    void aCrashBetweenTheMapCommitAndTheAuditLogIsCompletedByTheReplay() throws Exception {
        try (PlanCommitter committer = warehouse.committer()) {
            RepartitionEngine engine = committer.startEngine("orders", windowEnd(0), HeatSettings.defaults(), PLANNER);
            byte[] before = null;
            int w = 0;
            for (boolean planned = false; !planned; w++) {
                before = EngineBytes.of(engine);
                planned = engine.onInterval(SyntheticHeatmap.window(w, engine.currentMap(), HOT), windowEnd(w)).isPresent();
            }
            int window = w - 1;
            // the map commit landed, then the job died before logging the decisions
            PartitionMapStore store = warehouse.store();
            store.commit(store.loadVersioned("orders"), engine.currentMap(), Map.of());
            assertThat(warehouse.splitRequests()).isEmpty();

            RepartitionEngine restored = EngineBytes.engine(before);
            PlanCommitter.Interval replay = committer.observe(restored,
                    SyntheticHeatmap.window(window, restored.currentMap(), HOT), windowEnd(window));

            assertThat(replay.outcome()).isEqualTo(PlanRound.Outcome.ALREADY_STORED);
            assertThat(warehouse.history().revisions()).hasSize(2);
            AuditOracle.assertLogExplainsEveryRevision(warehouse.history(), warehouse.splitRequests());
        }
    }

    @Test
    void losingARaceReobservesTheIntervalOnTheWinnersRevision() throws Exception {
        // the same heat, two minimum widths: both plan revision 1 in the same interval, with different cuts
        PlannerSettings other = PLANNER.toBuilder().minKeyWidth(4_096).build();
        try (PlanCommitter a = warehouse.committer(); PlanCommitter b = warehouse.committer()) {
            RepartitionEngine engineB = b.startEngine("orders", windowEnd(0), HeatSettings.defaults(), other);
            Decided winner = untilDecided(a, a.startEngine("orders", windowEnd(0), HeatSettings.defaults(), PLANNER));
            for (int w = 0; w < winner.window(); w++) {
                engineB = b.observe(engineB, SyntheticHeatmap.window(w, engineB.currentMap(), HOT), windowEnd(w)).engine();
            }
            PlanCommitter.Interval lost = b.observe(engineB,
                    SyntheticHeatmap.window(winner.window(), engineB.currentMap(), HOT), windowEnd(winner.window()));

            assertThat(lost.conflicts()).isEqualTo(1);
            assertThat(lost.adopted()).isEqualTo(1);
            assertThat(lost.engine().intervalsObserved()).as("the interval counts once")
                    .isEqualTo(winner.interval().engine().intervalsObserved());
            PartitionMapHistory stored = warehouse.history();
            assertThat(stored.revision(1).orElseThrow()).as("the winner's revision is intact")
                    .isEqualTo(winner.interval().engine().currentMap());
            assertThat(lost.engine().currentMap()).as("the loser ends on the stored latest revision")
                    .isEqualTo(stored.latest().orElseThrow());
            if (lost.outcome() == PlanRound.Outcome.COMMITTED) {
                assertThat(stored.revisions()).hasSize(3);
                assertThat(lost.committed().orElseThrow().base()).isEqualTo(stored.revision(1).orElseThrow());
            } else {
                assertThat(lost.outcome()).isEqualTo(PlanRound.Outcome.ADOPTED);
                assertThat(stored.revisions()).hasSize(2);
            }
            AuditOracle.assertLogExplainsEveryRevision(stored, warehouse.splitRequests());
        }
    }

    @Test
    void catchUpAdoptsOnlyTheRevisionsThatTookEffectBeforeTheInterval() throws Exception {
        PartitionMapStore store = warehouse.store();
        VersionedHistory base = store.loadVersioned("orders");
        PartitionMap r1 = base.history().latest().orElseThrow().split("p4", Key.of(510_000), windowEnd(3), "r1");
        VersionedHistory afterR1 = store.commit(base, r1, Map.of());
        PartitionMap r2 = r1.split("p8", Key.of(560_000), windowEnd(6), "r2");
        store.commit(afterR1, r2, Map.of());

        try (PlanCommitter committer = warehouse.committer()) {
            RepartitionEngine engine = committer.startEngine("orders", windowEnd(0), HeatSettings.defaults(), PLANNER);
            assertThat(engine.currentMap().revision()).isZero();

            assertThat(committer.catchUp(engine, windowEnd(3))).as("r1 takes effect at the interval's end: not yet").isZero();
            assertThat(committer.catchUp(engine, windowEnd(4))).isEqualTo(1);
            assertThat(engine.currentMap()).isEqualTo(r1);
            assertThat(committer.catchUp(engine, windowEnd(10))).isEqualTo(1);
            assertThat(engine.currentMap()).isEqualTo(r2);

            RepartitionEngine late = committer.startEngine("orders", windowEnd(5), HeatSettings.defaults(), PLANNER);
            assertThat(late.currentMap()).as("a fresh engine starts on the revision in force before its first interval")
                    .isEqualTo(r1);
        }
    }

    @Test
    void anEngineReplayingBehindTheStoredHistoryFollowsItInsteadOfPlanning() throws Exception {
        PartitionMapStore store = warehouse.store();
        VersionedHistory base = store.loadVersioned("orders");
        PartitionMap r1 = base.history().latest().orElseThrow().split("p0", Key.of(60_000), windowEnd(1), "r1");
        VersionedHistory afterR1 = store.commit(base, r1, Map.of());
        PartitionMap r2 = r1.split("p1", Key.of(190_000), windowEnd(30), "r2");
        store.commit(afterR1, r2, Map.of());

        try (PlanCommitter committer = warehouse.committer()) {
            Decided d = untilDecided(committer, committer.startEngine("orders", windowEnd(0), HeatSettings.defaults(), PLANNER));

            assertThat(d.window()).isLessThan(30);
            assertThat(d.interval().outcome()).isEqualTo(PlanRound.Outcome.ADOPTED);
            assertThat(d.interval().engine().currentMap()).as("the revision in force at the interval, not the later one")
                    .isEqualTo(r1);
            assertThat(warehouse.history().revisions()).containsExactly(base.history().latest().orElseThrow(), r1, r2);
            assertThat(warehouse.splitRequests()).isEmpty();
        }
    }

    /** The first interval that did more than observe: its window, the engine state before it, and what happened. */
    record Decided(int window, byte[] stateBefore, PlanCommitter.Interval interval) {}

    /** Feeds hot windows through {@code committer} until an interval ends other than without change. */
    private static Decided untilDecided(PlanCommitter committer, RepartitionEngine engine) {
        for (int w = 0; w < 20; w++) {
            byte[] before = EngineBytes.of(engine);
            PlanCommitter.Interval interval = committer.observe(engine,
                    SyntheticHeatmap.window(w, engine.currentMap(), HOT), windowEnd(w));
            if (interval.outcome() != PlanRound.Outcome.NO_CHANGE) {
                return new Decided(w, before, interval);
            }
            engine = interval.engine();
        }
        throw new AssertionError("nothing decided within 20 hot windows");
    }
}
