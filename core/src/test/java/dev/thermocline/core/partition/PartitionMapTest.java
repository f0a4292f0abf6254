package dev.thermocline.core.partition;

import static dev.thermocline.core.partition.PartitionMapTestData.T0;
import static dev.thermocline.core.partition.PartitionMapTestData.boundaries;
import static dev.thermocline.core.partition.PartitionMapTestData.customersInEqualRanges;
import static dev.thermocline.core.partition.PartitionMapTestData.customersWithBoundaries;
import static dev.thermocline.core.partition.PartitionMapTestData.fourOrderPartitions;
import static dev.thermocline.core.partition.PartitionMapTestData.ordersInEqualRanges;
import static dev.thermocline.core.partition.PartitionMapTestData.ordersWithBoundaries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PartitionMapTest {

    private static final Instant T1 = T0.plusSeconds(60);

    @Test
    void equalLongRangesSplitTheDeclaredDomainNumerically() {
        PartitionMap map = PartitionMap.initial(ordersInEqualRanges(16, 0, 1_000_000), T0);

        assertThat(map.revision()).isZero();
        assertThat(map.reason()).isEqualTo("initial");
        assertThat(map.partitions()).extracting(Partition::partitionKey)
                .containsExactlyElementsOf(LongStream.range(0, 16).mapToObj(i -> "p" + i).toList());
        assertThat(boundaries(map)).containsExactlyElementsOf(
                LongStream.range(1, 16).mapToObj(i -> Key.of(i * 62_500)).toList());
        assertThat(map.partitions().get(0).range().start()).isNull();
        assertThat(map.partitions().get(15).range().end()).isNull();
        assertThat(map.nextPartitionOrdinal()).isEqualTo(16);
    }

    @Test
    void equalRangesOverTheWholeLongSpaceDoNotOverflow() {
        PartitionMap map = PartitionMap.initial(ordersInEqualRanges(4, Long.MIN_VALUE, Long.MAX_VALUE), T0);
        // width 2^64 - 1: boundaries at MIN + floor(i * (2^64 - 1) / 4) = -2^62 - 1, -1, 2^62 - 1
        assertThat(boundaries(map)).containsExactly(
                Key.of(-(1L << 62) - 1), Key.of(-1), Key.of((1L << 62) - 1));
    }

    @Test
    void oneEqualRangeIsTheWholeKeySpace() {
        PartitionMap map = PartitionMap.initial(ordersInEqualRanges(1, 0, 10), T0);
        assertThat(map.partitions()).containsExactly(new Partition("p0", KeyRange.all()));
    }

    @Test
    void aDomainTooNarrowForTheCountIsRejected() {
        assertThatThrownBy(() -> PartitionMap.initial(ordersInEqualRanges(5, 0, 3), T0))
                .hasMessageContaining("key-domain [0, 3) is too narrow for 5 equal ranges");
    }

    @Test
    void equalStringRangesInterpolateOverTheCharactersPastTheCommonPrefix() {
        PartitionMap letters = PartitionMap.initial(customersInEqualRanges(4, "a", "z"), T0);
        assertThat(boundaries(letters)).containsExactly(Key.of("gf"), Key.of("mm"), Key.of("st"));

        PartitionMap ids = PartitionMap.initial(customersInEqualRanges(10, "cust-00000", "cust-99999"), T0);
        assertThat(boundaries(ids)).hasSize(9).allSatisfy(b -> {
            assertThat(b.text()).startsWith("cust-").matches("cust-[0-9]+");
            assertThat(b).isGreaterThan(Key.of("cust-00000")).isLessThan(Key.of("cust-99999"));
        });
        assertThat(boundaries(ids).get(0).text()).isEqualTo("cust-1");
    }

    @Test
    void equalStringRangesStayValidAcrossNonAsciiAndSurrogateSpans() {
        PartitionMap map = PartitionMap.initial(customersInEqualRanges(8, "\u00e9", "\uD83D\uDE00"), T0);
        assertThat(map.partitions()).hasSize(8);
        for (Key b : boundaries(map)) {
            assertThat(b.text().codePoints()).noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF);
        }
        assertThatThrownBy(() -> PartitionMap.initial(customersInEqualRanges(3, "a", "a\u0000"), T0))
                .hasMessageContaining("too narrow for 3 equal ranges");
    }

    @Test
    void explicitBoundariesMakeOneMorePartition() {
        assertThat(PartitionMap.initial(ordersWithBoundaries(), T0).partitions()).hasSize(1);
        PartitionMap map = PartitionMap.initial(customersWithBoundaries("g", "p"), T0);
        assertThat(map.partitions()).containsExactly(
                new Partition("p0", KeyRange.of(null, Key.of("g"))),
                new Partition("p1", KeyRange.of(Key.of("g"), Key.of("p"))),
                new Partition("p2", KeyRange.of(Key.of("p"), null)));
    }

    @Test
    void explicitBoundariesOfTheWrongTypeAreRejected() {
        TableSpec spec = new TableSpec("orders", "id", KeyType.LONG,
                new InitialPartitioning.ExplicitBoundaries(List.of(Key.of("x"))));
        assertThatThrownBy(() -> PartitionMap.initial(spec, T0))
                .hasMessageContaining("boundary x is a string key but key-type is long");
    }

    @Test
    void partitionForFindsTheRangeHoldingTheKey() {
        PartitionMap map = fourOrderPartitions();
        assertThat(map.partitionFor(Key.of(Long.MIN_VALUE)).partitionKey()).isEqualTo("p0");
        assertThat(map.partitionFor(Key.of(99)).partitionKey()).isEqualTo("p0");
        assertThat(map.partitionFor(Key.of(100)).partitionKey()).isEqualTo("p1");
        assertThat(map.partitionFor(Key.of(299)).partitionKey()).isEqualTo("p2");
        assertThat(map.partitionFor(Key.of(300)).partitionKey()).isEqualTo("p3");
        assertThat(map.partitionFor(Key.of(Long.MAX_VALUE)).partitionKey()).isEqualTo("p3");
        assertThatThrownBy(() -> map.partitionFor(Key.of("150")))
                .hasMessageContaining("key 150 is a string key but table 'orders' has long keys");
    }

    @Test
    void overlappingReturnsTheCoveringPartitionsInKeyOrder() {
        PartitionMap map = fourOrderPartitions();
        assertThat(map.overlapping(KeyInterval.closed(Key.of(150), Key.of(200))))
                .extracting(Partition::partitionKey).containsExactly("p1", "p2");
        assertThat(map.overlapping(KeyInterval.closed(Key.of(150), Key.of(199))))
                .extracting(Partition::partitionKey).containsExactly("p1");
        assertThat(map.overlapping(KeyInterval.atMost(Key.of(100))))
                .extracting(Partition::partitionKey).containsExactly("p0", "p1");
        assertThat(map.overlapping(KeyInterval.atLeast(Key.of(300))))
                .extracting(Partition::partitionKey).containsExactly("p3");
        assertThat(map.overlapping(KeyInterval.all())).hasSize(4);
    }

    @Test
    void partitionLooksUpById() {
        assertThat(fourOrderPartitions().partition("p2")).map(Partition::range)
                .contains(KeyRange.of(Key.of(200), Key.of(300)));
        assertThat(fourOrderPartitions().partition("p9")).isEmpty();
    }

    @Test
    void splitKeepsTheLeftIdAndGivesTheRightAFreshOne() {
        PartitionMap next = fourOrderPartitions().split("p1", Key.of(150), T1, "hot");

        assertThat(next.revision()).isEqualTo(1);
        assertThat(next.validFrom()).isEqualTo(T1);
        assertThat(next.reason()).isEqualTo("hot");
        assertThat(next.partitions()).containsExactly(
                new Partition("p0", KeyRange.of(null, Key.of(100))),
                new Partition("p1", KeyRange.of(Key.of(100), Key.of(150))),
                new Partition("p4", KeyRange.of(Key.of(150), Key.of(200))),
                new Partition("p2", KeyRange.of(Key.of(200), Key.of(300))),
                new Partition("p3", KeyRange.of(Key.of(300), null)));
        assertThat(next.nextPartitionOrdinal()).isEqualTo(5);
    }

    @Test
    void mergeKeepsTheFirstIdAndRetiredIdsAreNeverHandedOutAgain() {
        PartitionMap merged = fourOrderPartitions().merge(List.of("p2", "p3"), T1, "cold");
        assertThat(merged.partitions()).extracting(Partition::partitionKey).containsExactly("p0", "p1", "p2");
        assertThat(merged.partition("p2")).map(Partition::range).contains(KeyRange.of(Key.of(200), null));

        PartitionMap split = merged.split("p2", Key.of(500), T1, "hot again");
        assertThat(split.partitions()).extracting(Partition::partitionKey).containsExactly("p0", "p1", "p2", "p4");
    }

    @Test
    void aPlanAppliesSeveralSplitsAndMergesAtOnce() {
        PartitionMap map = fourOrderPartitions();
        RepartitionPlan plan = RepartitionPlan.builder(map)
                .split("p0", Key.of(0))
                .merge("p1", "p2")
                .split("p3", Key.of(1000))
                .build();
        PartitionMap next = map.apply(plan, T1, "rebalance");
        assertThat(next.partitions()).extracting(Partition::toString).containsExactly(
                "p0[-inf, 0)", "p4[0, 100)", "p1[100, 300)", "p3[300, 1000)", "p5[1000, +inf)");
    }

    @Test
    void mergeIntoAFreshIdAllocatesOne() {
        PartitionMap map = fourOrderPartitions();
        PartitionMap next = map.apply(RepartitionPlan.builder(map).mergeIntoFresh(List.of("p0", "p1")).build(), T1, "x");
        assertThat(next.partitions()).extracting(Partition::partitionKey).containsExactly("p4", "p2", "p3");
        assertThat(next.nextPartitionOrdinal()).isEqualTo(5);
    }

    @Test
    void splitPointsOutsideOrAtTheStartAreRejected() {
        PartitionMap map = fourOrderPartitions();
        assertThatThrownBy(() -> map.split("p1", Key.of(100), T1, "x"))
                .hasMessageContaining("split point 100 is at the start of partition p1[100, 200)");
        assertThatThrownBy(() -> map.split("p1", Key.of(250), T1, "x"))
                .hasMessageContaining("split point 250 is outside partition p1[100, 200)");
        assertThatThrownBy(() -> map.split("p1", Key.of(200), T1, "x"))
                .hasMessageContaining("split point 200 is outside partition p1[100, 200)");
        assertThatThrownBy(() -> map.split("p0", Key.of(Long.MIN_VALUE), T1, "x"))
                .hasMessageContaining("is at the start of partition p0[-inf, 100)");
        assertThatThrownBy(() -> map.split("p1", Key.of("150"), T1, "x"))
                .hasMessageContaining("split point 150 of p1 is a string key but the table has long keys");
    }

    @Test
    void badPlansAreRejectedNamingTheProblem() {
        PartitionMap map = fourOrderPartitions();
        assertThatThrownBy(() -> map.split("p9", Key.of(5), T1, "x"))
                .hasMessageContaining("split names unknown partition p9");
        assertThatThrownBy(() -> map.merge(List.of("p0", "p2"), T1, "x"))
                .hasMessageContaining("cannot merge [p0, p2]")
                .hasMessageContaining("are not adjacent");
        assertThatThrownBy(() -> map.apply(RepartitionPlan.builder(map).split("p1", Key.of(150)).merge("p1", "p2").build(), T1, "x"))
                .hasMessageContaining("partition p1 is touched twice in one plan");
        assertThatThrownBy(() -> map.apply(new RepartitionPlan(List.of(new PartitionSplitRequest("p1", Key.of(150), "p2")), null), T1, "x"))
                .hasMessageContaining("partition id p2 was used before; fresh ids start at p4");
        assertThatThrownBy(() -> map.apply(new RepartitionPlan(List.of(new PartitionSplitRequest("p1", Key.of(150), "hot-1")), null), T1, "x"))
                .hasMessageContaining("new partition id 'hot-1' is not of the form p<n>");
        assertThatThrownBy(() -> map.apply(new RepartitionPlan(List.of(
                        new PartitionSplitRequest("p1", Key.of(150), "p7"),
                        new PartitionSplitRequest("p2", Key.of(250), "p7")), null), T1, "x"))
                .hasMessageContaining("partition id p7 was used before");
        assertThatThrownBy(() -> map.apply(RepartitionPlan.builder(map).build(), T1, "x"))
                .hasMessageContaining("is empty: it changes nothing");
        assertThatThrownBy(() -> map.split("p1", Key.of(150), T0.minusMillis(1), "x"))
                .hasMessageContaining("is before the current revision's validFrom " + T0);
        assertThatThrownBy(() -> PartitionMergeRequest.of(List.of("p1")))
                .hasMessageContaining("merge needs at least two partitions");
        assertThatThrownBy(() -> PartitionMergeRequest.of(List.of("p1", "p1")))
                .hasMessageContaining("merge lists a partition twice");
    }

    @Test
    void constructorRejectsGapsOverlapsOpenEndsAndDuplicateIds() {
        Partition a = new Partition("p0", KeyRange.of(null, Key.of(10)));
        Partition b = new Partition("p1", KeyRange.of(Key.of(10), null));
        assertThat(map(List.of(b, a), 2).partitions()).containsExactly(a, b);

        assertThatThrownBy(() -> map(List.of(a, new Partition("p1", KeyRange.of(Key.of(11), null))), 2))
                .hasMessageContaining("partition p0[-inf, 10) leaves a gap before p1[11, +inf)");
        assertThatThrownBy(() -> map(List.of(a, new Partition("p1", KeyRange.of(Key.of(9), null))), 2))
                .hasMessageContaining("p0[-inf, 10) overlaps p1[9, +inf)");
        assertThatThrownBy(() -> map(List.of(a, new Partition("p1", KeyRange.of(Key.of(10), Key.of(20)))), 2))
                .hasMessageContaining("last partition p1[10, 20) must be open above");
        assertThatThrownBy(() -> map(List.of(new Partition("p0", KeyRange.of(Key.of(0), null))), 2))
                .hasMessageContaining("first partition p0[0, +inf) must be open below");
        assertThatThrownBy(() -> map(List.of(a, new Partition("p0", KeyRange.of(Key.of(10), null))), 2))
                .hasMessageContaining("partition id p0 is used twice");
        assertThatThrownBy(() -> map(List.of(a, b), 1))
                .hasMessageContaining("partition id p1 is not below nextPartitionOrdinal 1");
        assertThatThrownBy(() -> map(List.of(a, new Partition("p1", KeyRange.of(Key.of("x"), null))), 2))
                .hasMessageContaining("has a string boundary but the key type is long");
    }

    @Test
    void idsAreCanonicalOrdinals() {
        assertThat(PartitionMap.partitionId(7)).isEqualTo("p7");
        assertThat(PartitionMap.ordinalOf("p7")).hasValue(7);
        assertThat(PartitionMap.ordinalOf("p07")).isEmpty();
        assertThat(PartitionMap.ordinalOf("orders-7")).isEmpty();
    }

    private static PartitionMap map(List<Partition> partitions, long nextOrdinal) {
        return new PartitionMap("orders", KeyType.LONG, 0, T0, "test", partitions, nextOrdinal);
    }
}
