package dev.thermocline.core.partition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/** Checks a {@link RepartitionPlan} against a map and builds the next revision. */
final class PlanApplier {

    private final PartitionMap map;
    private final String where;
    private final Map<String, Integer> indexById = new HashMap<>();
    private final Set<String> touched = new HashSet<>();
    private final Set<String> newIds = new HashSet<>();
    private long nextOrdinal;

    private PlanApplier(PartitionMap map) {
        this.map = map;
        this.where = "plan for '" + map.tableName() + "' revision " + map.revision();
        this.nextOrdinal = map.nextPartitionOrdinal();
        for (int i = 0; i < map.partitions().size(); i++) {
            indexById.put(map.partitions().get(i).partitionKey(), i);
        }
    }

    static PartitionMap apply(PartitionMap map, RepartitionPlan plan, Instant validFrom, String reason) {
        Objects.requireNonNull(plan, "plan is required");
        Objects.requireNonNull(validFrom, "validFrom is required");
        Objects.requireNonNull(reason, "reason is required");
        return new PlanApplier(map).build(plan, validFrom, reason);
    }

    private PartitionMap build(RepartitionPlan plan, Instant validFrom, String reason) {
        if (plan.isEmpty()) {
            throw new IllegalArgumentException(where + " is empty: it changes nothing");
        }
        if (validFrom.isBefore(map.validFrom())) {
            throw new IllegalArgumentException(where + ": validFrom " + validFrom
                    + " is before the current revision's validFrom " + map.validFrom());
        }
        // index -> what replaces that partition (empty list: absorbed by a merge)
        Map<Integer, List<Partition>> replacements = new HashMap<>();
        for (PartitionSplitRequest split : plan.splits()) {
            int i = touch(split.partitionKey(), "split");
            Partition p = map.partitions().get(i);
            if (split.splitPoint().type() != map.keyType()) {
                throw new IllegalArgumentException(where + ": split point " + split.splitPoint() + " of "
                        + split.partitionKey() + " is a " + split.splitPoint().type().configName()
                        + " key but the table has " + map.keyType().configName() + " keys");
            }
            if (!p.range().canSplitAt(split.splitPoint())) {
                String why = p.range().contains(split.splitPoint()) ? "is at the start of" : "is outside";
                throw new IllegalArgumentException(where + ": split point " + split.splitPoint() + " " + why
                        + " partition " + p + ": it must lie strictly inside");
            }
            claimFresh(split.newPartitionKey(), "split of " + split.partitionKey());
            replacements.put(i, List.of(
                    new Partition(p.partitionKey(), new KeyRange(p.range().start(), split.splitPoint())),
                    new Partition(split.newPartitionKey(), new KeyRange(split.splitPoint(), p.range().end()))));
        }
        for (PartitionMergeRequest merge : plan.merges()) {
            List<Integer> indexes = new ArrayList<>();
            for (String id : merge.partitionKeys()) {
                indexes.add(touch(id, "merge"));
            }
            indexes.sort(Integer::compare);
            for (int k = 1; k < indexes.size(); k++) {
                if (indexes.get(k) != indexes.get(k - 1) + 1) {
                    throw new IllegalArgumentException(where + ": cannot merge " + merge.partitionKeys()
                            + ": " + map.partitions().get(indexes.get(k - 1)) + " and "
                            + map.partitions().get(indexes.get(k)) + " are not adjacent");
                }
            }
            String mergedId = merge.mergedPartitionKey();
            if (!merge.partitionKeys().contains(mergedId)) {
                claimFresh(mergedId, "merge of " + merge.partitionKeys());
            }
            Partition first = map.partitions().get(indexes.get(0));
            Partition last = map.partitions().get(indexes.get(indexes.size() - 1));
            replacements.put(indexes.get(0),
                    List.of(new Partition(mergedId, new KeyRange(first.range().start(), last.range().end()))));
            for (int k = 1; k < indexes.size(); k++) {
                replacements.put(indexes.get(k), List.of());
            }
        }
        List<Partition> next = new ArrayList<>();
        for (int i = 0; i < map.partitions().size(); i++) {
            next.addAll(replacements.getOrDefault(i, List.of(map.partitions().get(i))));
        }
        return new PartitionMap(map.tableName(), map.keyType(), map.revision() + 1, validFrom, reason, next, nextOrdinal);
    }

    private int touch(String id, String what) {
        Integer i = indexById.get(id);
        if (i == null) {
            throw new IllegalArgumentException(where + ": " + what + " names unknown partition " + id);
        }
        if (!touched.add(id)) {
            throw new IllegalArgumentException(where + ": partition " + id + " is touched twice in one plan");
        }
        return i;
    }

    /** A new id must be canonical and never handed out before, in this plan or the table's history. */
    private void claimFresh(String id, String what) {
        OptionalLong ordinal = PartitionMap.ordinalOf(id);
        if (ordinal.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + what + ": new partition id '" + id
                    + "' is not of the form p<n>");
        }
        if (ordinal.getAsLong() < map.nextPartitionOrdinal() || !newIds.add(id)) {
            throw new IllegalArgumentException(where + ": " + what + ": partition id " + id
                    + " was used before; fresh ids start at " + PartitionMap.partitionId(map.nextPartitionOrdinal()));
        }
        nextOrdinal = Math.max(nextOrdinal, ordinal.getAsLong() + 1);
    }
}
