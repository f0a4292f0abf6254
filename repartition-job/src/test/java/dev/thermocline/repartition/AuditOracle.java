package dev.thermocline.repartition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Replays the {@code split_requests} audit log on the stored revisions: applying revision r's logged
 * splits and merges to revision r-1, by plain range arithmetic, must give exactly revision r. So
 * every revision is explained by its decisions, once, and every decision belongs to a stored revision.
 */
final class AuditOracle {

    private AuditOracle() {}

    static void assertLogExplainsEveryRevision(PartitionMapHistory history, List<TestWarehouse.SplitRequestRow> log) {
        Map<Long, List<TestWarehouse.SplitRequestRow>> byRevision =
                log.stream().collect(Collectors.groupingBy(TestWarehouse.SplitRequestRow::revision));
        List<PartitionMap> revisions = history.revisions();
        assertThat(byRevision.keySet()).as("every logged decision belongs to a stored revision after 0")
                .allMatch(r -> r >= 1 && r < revisions.size());
        for (int i = 1; i < revisions.size(); i++) {
            PartitionMap prev = revisions.get(i - 1);
            PartitionMap next = revisions.get(i);
            List<TestWarehouse.SplitRequestRow> rows = byRevision.getOrDefault(next.revision(), List.of());
            assertThat(rows).as("decisions of revision %d", next.revision()).isNotEmpty();
            assertThat(rows).allSatisfy(r -> assertThat(r.decidedAt()).isEqualTo(next.validFrom()));
            assertThat(apply(prev, rows)).as("revision %d rebuilt from revision %d and its logged decisions %s",
                    next.revision(), prev.revision(), rows).isEqualTo(ranges(next));
        }
    }

    private static Map<String, KeyRange> apply(PartitionMap prev, List<TestWarehouse.SplitRequestRow> rows) {
        Map<String, KeyRange> ranges = ranges(prev);
        KeyType type = prev.keyType();
        for (TestWarehouse.SplitRequestRow r : rows) {
            if (r.kind().equals("split")) {
                KeyRange old = ranges.get(r.partitionKey());
                Key at = type.parse(r.splitPoint());
                assertThat(old).as("split of %s", r.partitionKey()).isNotNull();
                assertThat(ranges).as("the new id of a split is fresh").doesNotContainKey(r.newPartitionKey());
                ranges.put(r.partitionKey(), new KeyRange(old.start(), at));
                ranges.put(r.newPartitionKey(), new KeyRange(at, old.end()));
            } else {
                assertThat(r.kind()).isEqualTo("merge");
                List<KeyRange> parts = r.mergedKeys().stream().map(ranges::remove).toList();
                assertThat(parts).as("merged partitions %s exist", r.mergedKeys()).doesNotContainNull();
                for (int i = 1; i < parts.size(); i++) {
                    assertThat(parts.get(i).start()).as("merged partitions are adjacent").isEqualTo(parts.get(i - 1).end());
                }
                ranges.put(r.partitionKey(), new KeyRange(parts.get(0).start(), parts.get(parts.size() - 1).end()));
            }
        }
        return ranges;
    }

    private static Map<String, KeyRange> ranges(PartitionMap map) {
        Map<String, KeyRange> ranges = new HashMap<>();
        for (Partition p : map.partitions()) {
            ranges.put(p.partitionKey(), p.range());
        }
        return ranges;
    }

    /**
     * Every logged decision carries evidence that backs it under {@code settings}: a split was hot
     * above the split threshold and its child shares divide the partition's heat; a merge was cold
     * below the merge threshold.
     */
    static void assertEvidenceBacksEveryDecision(List<TestWarehouse.Evidence> evidence,
                                                 dev.thermocline.core.repartition.PlannerSettings settings) {
        assertThat(evidence).isNotEmpty().allSatisfy(e -> {
            assertThat(e.heat()).isNotNull().isGreaterThanOrEqualTo(0.0);
            assertThat(e.forecast()).isNotNull();
            assertThat(e.heatShare()).isBetween(0.0, 1.0 + 1e-9);
            assertThat(e.explanation()).isNotBlank();
            if (e.childShares() != null) {
                assertThat(e.cluster()).isIn("hot", "warm");
                assertThat(e.forecastShare()).isGreaterThan(settings.splitAboveShare());
                assertThat(e.childShares()).hasSize(2).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
                assertThat(e.childShares().get(0) + e.childShares().get(1)).isCloseTo(1.0,
                        org.assertj.core.api.Assertions.within(1e-9));
                assertThat(e.explanation()).startsWith("hot:");
            } else {
                assertThat(e.cluster()).isEqualTo("cold");
                assertThat(e.forecastShare()).isLessThan(settings.mergeBelowShare());
                assertThat(e.explanation()).startsWith("cold run:");
            }
        });
    }
}
