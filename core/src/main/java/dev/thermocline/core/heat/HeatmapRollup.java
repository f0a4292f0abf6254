package dev.thermocline.core.heat;

import dev.thermocline.core.key.KeyType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rolls fine heatmap cells up into coarser ones as they age, per a {@link RetentionPolicy}: the
 * cells of one (table, partition) that fall in one bucket are replaced by a single cell of that
 * bucket, their counts summed and their key sketches merged; cells past the policy's horizon are
 * dropped. Pure: it plans, the caller rewrites the table (atomically, in one commit).
 *
 * <p>Idempotent: planning again over the result changes nothing.
 */
public final class HeatmapRollup {

    private final RetentionPolicy policy;
    private final Map<String, KeyType> keyTypes;

    /** @param keyTypes each table's key type, to merge its sketches; cells of other tables are only expired */
    public HeatmapRollup(RetentionPolicy policy, Map<String, KeyType> keyTypes) {
        this.policy = Objects.requireNonNull(policy, "retention policy is required");
        this.keyTypes = Map.copyOf(Objects.requireNonNull(keyTypes, "key types are required"));
    }

    /** What to remove from and add to {@code cells} at {@code now}. */
    public RollupPlan plan(Collection<HeatmapCell> cells, Instant now) {
        Objects.requireNonNull(now, "now is required");
        Map<Group, List<HeatmapCell>> groups = new LinkedHashMap<>();
        List<HeatmapCell> expired = new ArrayList<>();
        for (HeatmapCell cell : cells) {
            Optional<RetentionPolicy.Bucket> bucket = policy.bucketFor(cell.windowStart(), cell.windowEnd(), now);
            if (bucket.isEmpty()) {
                expired.add(cell);
            } else if (keyTypes.containsKey(cell.tableName())) {
                groups.computeIfAbsent(new Group(cell.tableName(), cell.partitionKey(), bucket.get()), g -> new ArrayList<>())
                        .add(cell);
            }
        }
        List<HeatmapCell> removed = new ArrayList<>(expired);
        List<HeatmapCell> added = new ArrayList<>();
        groups.forEach((group, members) -> {
            if (members.size() == 1 && isWholeBucket(members.get(0), group.bucket())) {
                return; // already at its resolution
            }
            removed.addAll(members);
            added.add(merge(group, members));
        });
        return new RollupPlan(removed, added);
    }

    private static boolean isWholeBucket(HeatmapCell cell, RetentionPolicy.Bucket bucket) {
        return cell.windowStart().equals(bucket.start()) && cell.windowEnd().equals(bucket.end());
    }

    private HeatmapCell merge(Group group, List<HeatmapCell> members) {
        KeyType keyType = keyTypes.get(group.table());
        CellAggregate total = CellAggregate.empty(keyType);
        for (HeatmapCell cell : members) {
            total.merge(CellAggregate.of(cell, keyType));
        }
        return total.toCell(group.bucket().start(), group.bucket().end(), group.table(), group.partition());
    }

    private record Group(String table, String partition, RetentionPolicy.Bucket bucket) {}

    /**
     * One roll-up: replace {@code removed} by {@code added}. Counts are preserved except for expired
     * cells, which are removed without replacement.
     */
    public record RollupPlan(List<HeatmapCell> removed, List<HeatmapCell> added) {
        public RollupPlan {
            removed = List.copyOf(removed);
            added = List.copyOf(added);
        }

        public boolean isEmpty() {
            return removed.isEmpty() && added.isEmpty();
        }
    }
}
