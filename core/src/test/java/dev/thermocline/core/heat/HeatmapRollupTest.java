package dev.thermocline.core.heat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.access.AccessOp;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HeatmapRollupTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final HeatmapRollup ROLLUP = new HeatmapRollup(RetentionPolicy.KEY_VISUALIZER,
            Map.of("orders", KeyType.LONG));

    private static HeatmapCell minute(Instant start, String partition, long... keys) {
        CellAggregate a = CellAggregate.empty(KeyType.LONG);
        for (long k : keys) {
            a.add(Key.of(k), k % 2 == 0 ? AccessOp.READ : AccessOp.WRITE, List.of("status"));
        }
        return a.toCell(start, start.plus(Duration.ofMinutes(1)), "orders", partition);
    }

    @Test
    void tenOldMinutesOfAPartitionBecomeOneTenMinuteCellWithTheirSumsAndMergedSketch() {
        Instant bucket = Instant.parse("2026-11-24T05:00:00Z");
        List<HeatmapCell> minutes = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            minutes.add(minute(bucket.plus(Duration.ofMinutes(m)), "p1", m, m + 100, m + 200));
        }
        HeatmapCell young = minute(Instant.parse("2026-11-24T11:00:00Z"), "p1", 1);
        List<HeatmapCell> all = new ArrayList<>(minutes);
        all.add(young);

        HeatmapRollup.RollupPlan plan = ROLLUP.plan(all, NOW);

        assertThat(plan.removed()).containsExactlyInAnyOrderElementsOf(minutes);
        assertThat(plan.added()).singleElement().satisfies(c -> {
            assertThat(c.windowStart()).isEqualTo(bucket);
            assertThat(c.windowEnd()).isEqualTo(bucket.plus(Duration.ofMinutes(10)));
            assertThat(c.accessCount()).isEqualTo(30);
            assertThat(c.readCount() + c.writeCount()).isEqualTo(30);
            assertThat(c.columnCounts()).isEqualTo(Map.of("status", 30L));
            assertThat(KeySketch.fromBytes(KeyType.LONG, c.keySketch()).n()).isEqualTo(30);
        });
    }

    @Test
    void partitionsAreRolledUpSeparatelyAndExpiredCellsAreDropped() {
        Instant old = Instant.parse("2026-11-24T05:00:00Z");
        HeatmapCell p1 = minute(old, "p1", 1);
        HeatmapCell p2 = minute(old, "p2", 2);
        HeatmapCell ancient = minute(NOW.minus(Duration.ofDays(40)), "p1", 3);

        HeatmapRollup.RollupPlan plan = ROLLUP.plan(List.of(p1, p2, ancient), NOW);

        assertThat(plan.removed()).containsExactlyInAnyOrder(p1, p2, ancient);
        assertThat(plan.added()).extracting(HeatmapCell::partitionKey).containsExactlyInAnyOrder("p1", "p2");
    }

    @Test
    void cellsOfTablesWithoutAKeyTypeAreOnlyExpired() {
        HeatmapCell other = new HeatmapCell(Instant.parse("2026-11-24T05:00:00Z"), Instant.parse("2026-11-24T05:01:00Z"),
                "unknown", "p0", 1, 0, 0, Map.of(), new byte[0]);
        assertThat(ROLLUP.plan(List.of(other), NOW).isEmpty()).isTrue();
    }

    /** Whatever the cells, a roll-up keeps every unexpired access and a second roll-up changes nothing. */
    @Property(tries = 50)
    void rollUpPreservesCountsAndIsIdempotent(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int cells) {
        Random random = new Random(seed);
        List<HeatmapCell> table = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            Instant start = NOW.minus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 35)))
                    .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            table.add(minute(start, "p" + random.nextInt(3), random.nextInt(1000), random.nextInt(1000)));
        }
        HeatmapRollup.RollupPlan plan = ROLLUP.plan(table, NOW);
        List<HeatmapCell> after = new ArrayList<>(table);
        plan.removed().forEach(after::remove);
        after.addAll(plan.added());

        long kept = table.stream().filter(c -> RetentionPolicy.KEY_VISUALIZER
                .bucketFor(c.windowStart(), c.windowEnd(), NOW).isPresent()).mapToLong(HeatmapCell::accessCount).sum();
        assertThat(after.stream().mapToLong(HeatmapCell::accessCount).sum()).isEqualTo(kept);
        assertThat(ROLLUP.plan(after, NOW).isEmpty()).as("second roll-up").isTrue();
        assertThat(after).allSatisfy(c -> assertThat(RetentionPolicy.KEY_VISUALIZER
                .bucketFor(c.windowStart(), c.windowEnd(), NOW)).contains(new RetentionPolicy.Bucket(
                        c.windowStart().toEpochMilli(), c.windowEnd().toEpochMilli())));
    }
}
