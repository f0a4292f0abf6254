package dev.thermocline.core.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestorePlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final TableSpec ORDERS = new TableSpec("orders", "id", KeyType.LONG,
            new InitialPartitioning.EqualRanges(2, Key.of(0), Key.of(200)));

    // r0 at T0: p0 [-inf,100) p1 [100,+inf); r1 at T0+10s: p1 split at 150 -> p1 [100,150) p2 [150,+inf)
    private final PartitionMap r0 = PartitionMap.initial(ORDERS, T0);
    private final PartitionMap r1 = r0.split("p1", Key.of(150), T0.plusSeconds(10), "hot");
    private final PartitionMapHistory history = PartitionMapHistory.empty("orders").add(r0).add(r1);

    private final BackupCopy p1AtFive = copy("p1", KeyRange.of(Key.of(100), null), 0, T0.plusSeconds(5));
    private final BackupCopy p2AtTwenty = copy("p2", KeyRange.of(Key.of(150), null), 1, T0.plusSeconds(20));

    @Test
    void rightAfterASplitTheParentsCopyIsTheBaseOfBothChildren() {
        RestorePlan plan = planner(List.of(p1AtFive)).plan(request(T0.plusSeconds(15), "120..170"));

        assertThat(plan.units()).extracting(u -> u.partition().partitionKey()).containsExactly("p1", "p2");
        assertThat(plan.units()).allSatisfy(u -> assertThat(u.segments()).singleElement()
                .satisfies(s -> assertThat(s.base()).isEqualTo(p1AtFive)));
        assertThat(plan.units().get(1).segments().get(0).changelogPartitions())
                .as("changes of 150..170 were captured as p1 before the split and p2 after it")
                .containsExactly("p1", "p2");
    }

    @Test
    void aUnitIsSplitWhereADifferentCopyIsNewest() {
        // as of T0+25s under r1; p1's unit [100,150) only has p1AtFive; a request spanning the old p1 range
        // in one unit needs r0-era layout: restore as of T0+25 of 140..160 touches p1 and p2 of r1
        RestorePlan plan = planner(List.of(p1AtFive, p2AtTwenty)).plan(request(T0.plusSeconds(25), "140..160"));

        assertThat(plan.units()).hasSize(2);
        assertThat(plan.units().get(0).segments()).singleElement().satisfies(s -> {
            assertThat(s.base()).isEqualTo(p1AtFive);
            assertThat(s.replayAfter()).isEqualTo(T0.plusSeconds(5));
        });
        assertThat(plan.units().get(1).segments()).singleElement().satisfies(s -> assertThat(s.base()).isEqualTo(p2AtTwenty));
    }

    @Test
    void oneUnitGetsTwoSegmentsWhenACopyCoversOnlyPartOfIt() {
        // under r0 (as of T0+8s) p1 is [100,+inf); a copy of only [150,+inf) at T0+7s is newer there
        BackupCopy upperAtSeven = copy("p9", KeyRange.of(Key.of(150), null), 0, T0.plusSeconds(7));
        RestorePlan plan = planner(List.of(p1AtFive, upperAtSeven)).plan(request(T0.plusSeconds(8), "120.."));

        assertThat(plan.units()).singleElement().satisfies(u -> {
            assertThat(u.segments()).extracting(RestoreSegment::base).containsExactly(p1AtFive, upperAtSeven);
            assertThat(u.segments()).extracting(s -> s.keys().toString()).containsExactly("120..149", "150..");
        });
    }

    @Test
    void exactlyAtACutoffTheCopyCountsAndOneMillisecondBeforeItDoesNot() {
        RestorePlanner planner = planner(List.of(p1AtFive));
        assertThat(planner.plan(request(T0.plusSeconds(5), "100..110")).units().get(0).segments().get(0).base())
                .isEqualTo(p1AtFive);
        RestoreSegment before = planner.plan(request(T0.plusSeconds(5).minusMillis(1), "100..110"))
                .units().get(0).segments().get(0);
        assertThat(before.base()).isNull();
        assertThat(before.replayAfter()).as("no base: the change log from its start").isNull();
    }

    @Test
    void severalRangesAtDifferentTimesBecomeUnitsOfTheirOwnTimeAndMap() {
        RestoreRequest r = new RestoreRequest("orders", T0.plusSeconds(30), List.of(
                RangeSelection.parseRange("10..20@" + T0.plusSeconds(1).toEpochMilli(), KeyType.LONG),
                RangeSelection.parseRange("160..170", KeyType.LONG),
                RangeSelection.parseKeys("7,8", KeyType.LONG)));
        RestorePlan plan = planner(List.of()).plan(r);

        assertThat(plan.units()).extracting(u -> u.asOf() + " r" + u.mapRevision() + " " + u.partition().partitionKey()
                        + " " + u.keys())
                .containsExactly(T0.plusSeconds(1) + " r0 p0 10..20", T0.plusSeconds(30) + " r1 p0 7..8",
                        T0.plusSeconds(30) + " r1 p2 160..170");
    }

    @Test
    void keysAskedAtTwoDifferentTimesAreRefusedNamingBothSelections() {
        RestoreRequest r = new RestoreRequest("orders", T0.plusSeconds(30), List.of(
                RangeSelection.parseRange("10..20@" + T0.plusSeconds(1).toEpochMilli(), KeyType.LONG),
                RangeSelection.parseKeys("15,30", KeyType.LONG)));
        assertThatThrownBy(() -> planner(List.of()).plan(r)).isInstanceOf(RestoreException.class)
                .hasMessageContaining("selections 10..20@2026-11-24T10:00:01Z and 15,30@2026-11-24T10:00:30Z overlap at keys 15");
    }

    @Test
    void anAsOfBeforeTheFirstMapOrBeforeAnyDataOrBeforeRetentionIsRefused() {
        assertThatThrownBy(() -> planner(List.of()).plan(request(T0.minusMillis(1), "1..2")))
                .isInstanceOf(RestoreException.class).hasMessageContaining("before table 'orders' had a partition map");
        RestorePlanner late = new RestorePlanner(history, List.of(), ChangelogExtent.from(T0.plusSeconds(3)));
        assertThatThrownBy(() -> late.plan(request(T0.plusSeconds(2), "1..2")))
                .isInstanceOf(RestoreException.class)
                .hasMessage("as-of 2026-11-24T10:00:02Z is before any data of table 'orders' (its first change is at 2026-11-24T10:00:03Z)");
        RestorePlanner empty = new RestorePlanner(history, List.of(), new ChangelogExtent(null, null));
        assertThatThrownBy(() -> empty.plan(request(T0.plusSeconds(2), "1..2")))
                .isInstanceOf(RestoreException.class).hasMessageContaining("has no data yet");
        RestorePlanner retained = new RestorePlanner(history, List.of(p1AtFive),
                new ChangelogExtent(T0, T0.plusSeconds(4)));
        assertThatThrownBy(() -> retained.plan(request(T0.plusSeconds(3), "1..2")))
                .isInstanceOf(RestoreException.class).hasMessageContaining("is before the retention of table 'orders'");
        assertThatThrownBy(() -> retained.plan(request(T0.plusSeconds(6), "1..2")))
                .isInstanceOf(RestoreException.class).hasMessageContaining("keys 1..2 of table 'orders'")
                .hasMessageContaining("need changes from before 2026-11-24T10:00:04Z");
        assertThat(retained.plan(request(T0.plusSeconds(6), "100..110")).units()).hasSize(1);
        // after the bound but before any copy taken after it: no key can start anywhere
        assertThatThrownBy(() -> retained.plan(request(T0.plusMillis(4500), "100..110")))
                .isInstanceOf(RestoreException.class)
                .hasMessage("as-of 2026-11-24T10:00:04.500Z is before the retention of table 'orders': its change log is "
                        + "kept from 2026-11-24T10:00:04Z and no backup has a cutoff between then and 2026-11-24T10:00:04.500Z");
    }

    private RestorePlanner planner(List<BackupCopy> copies) {
        return new RestorePlanner(history, copies, ChangelogExtent.from(T0));
    }

    private static RestoreRequest request(Instant asOf, String range) {
        return new RestoreRequest("orders", asOf, List.of(RangeSelection.parseRange(range, KeyType.LONG)));
    }

    private static BackupCopy copy(String id, KeyRange range, long revision, Instant cutoff) {
        return new BackupCopy("orders", id, range, revision, cutoff, 0, 0, 1);
    }
}
