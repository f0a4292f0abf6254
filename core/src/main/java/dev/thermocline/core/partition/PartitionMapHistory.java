package dev.thermocline.core.partition;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A table's partition-map revisions, oldest first: revisions strictly increase, validFrom never
 * decreases, and a partition id that left the map never comes back. Immutable: {@link #add}
 * returns a new history.
 */
public final class PartitionMapHistory implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String tableName;
    private final List<PartitionMap> revisions;
    private final Set<String> idsEverUsed;

    private PartitionMapHistory(String tableName, List<PartitionMap> revisions, Set<String> idsEverUsed) {
        this.tableName = tableName;
        this.revisions = revisions;
        this.idsEverUsed = idsEverUsed;
    }

    public static PartitionMapHistory empty(String tableName) {
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException("partition map history needs a table name");
        }
        return new PartitionMapHistory(tableName, List.of(), Set.of());
    }

    /** A history of {@code maps} in any order (sorted by revision, then checked as by {@link #add}). */
    public static PartitionMapHistory of(String tableName, Collection<PartitionMap> maps) {
        List<PartitionMap> sorted = new ArrayList<>(maps);
        sorted.sort(Comparator.comparingLong(PartitionMap::revision));
        PartitionMapHistory h = empty(tableName);
        for (PartitionMap m : sorted) {
            h = h.add(m);
        }
        return h;
    }

    /** This history with {@code map} as its newest revision. */
    public PartitionMapHistory add(PartitionMap map) {
        Objects.requireNonNull(map, "map is required");
        if (!map.tableName().equals(tableName)) {
            throw new IllegalArgumentException("history of '" + tableName + "' cannot take a map of '" + map.tableName() + "'");
        }
        Optional<PartitionMap> latest = latest();
        if (latest.isPresent()) {
            PartitionMap prev = latest.get();
            String where = "history of '" + tableName + "': revision " + map.revision();
            if (map.keyType() != prev.keyType()) {
                throw new IllegalArgumentException(where + " has " + map.keyType().configName()
                        + " keys but revision " + prev.revision() + " has " + prev.keyType().configName());
            }
            if (map.revision() <= prev.revision()) {
                throw new IllegalArgumentException(where + " does not follow the latest revision " + prev.revision());
            }
            if (map.validFrom().isBefore(prev.validFrom())) {
                throw new IllegalArgumentException(where + " is valid from " + map.validFrom()
                        + ", before revision " + prev.revision() + "'s " + prev.validFrom());
            }
            Set<String> current = new HashSet<>();
            prev.partitions().forEach(p -> current.add(p.partitionKey()));
            for (Partition p : map.partitions()) {
                if (!current.contains(p.partitionKey()) && idsEverUsed.contains(p.partitionKey())) {
                    throw new IllegalArgumentException(where + " reuses partition id " + p.partitionKey()
                            + ", which an earlier revision retired");
                }
            }
        }
        List<PartitionMap> next = new ArrayList<>(revisions);
        next.add(map);
        Set<String> ids = new HashSet<>(idsEverUsed);
        map.partitions().forEach(p -> ids.add(p.partitionKey()));
        return new PartitionMapHistory(tableName, List.copyOf(next), Set.copyOf(ids));
    }

    /** The map in force at {@code t}: the newest revision with {@code validFrom <= t}; empty before the first. */
    public Optional<PartitionMap> mapAt(Instant t) {
        Objects.requireNonNull(t, "time is required");
        int lo = 0;
        int hi = revisions.size() - 1;
        PartitionMap found = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (!revisions.get(mid).validFrom().isAfter(t)) {
                found = revisions.get(mid);
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.ofNullable(found);
    }

    public Optional<PartitionMap> latest() {
        return revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.get(revisions.size() - 1));
    }

    public Optional<PartitionMap> revision(long revision) {
        return revisions.stream().filter(m -> m.revision() == revision).findFirst();
    }

    /** All revisions, oldest first. */
    public List<PartitionMap> revisions() {
        return revisions;
    }

    /** The first ordinal no revision has used, for maps rebuilt from storage that lost the counter. */
    public long nextFreeOrdinal() {
        long next = 0;
        for (PartitionMap m : revisions) {
            next = Math.max(next, m.nextPartitionOrdinal());
        }
        for (String id : idsEverUsed) {
            OptionalLong o = PartitionMap.ordinalOf(id);
            if (o.isPresent()) {
                next = Math.max(next, o.getAsLong() + 1);
            }
        }
        return next;
    }

    public String tableName() {
        return tableName;
    }

    public boolean isEmpty() {
        return revisions.isEmpty();
    }

    @Override
    public String toString() {
        return "PartitionMapHistory[" + tableName + ", " + revisions.size() + " revisions]";
    }
}
