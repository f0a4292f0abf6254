package dev.thermocline.core.partition;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.table.TableSpec;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One revision of a table's key-range partitioning: partitions sorted by start, contiguous, not
 * overlapping, covering the whole key space (first open below, last open above), ids unique.
 *
 * <p>Ids are {@code p<ordinal>}; {@code nextPartitionOrdinal} is the first ordinal never handed out
 * in the table's history, so splits and fresh merges never reuse an id.
 *
 * @param tableName the protected table
 * @param keyType the table's key type; every boundary has it
 * @param revision 0 for the initial map, +1 per applied plan
 * @param validFrom when this revision takes effect
 * @param reason why it exists (audit)
 * @param partitions the partitions; stored sorted by start
 * @param nextPartitionOrdinal above the ordinal of every {@code p<n>} id used so far
 */
public record PartitionMap(
        String tableName,
        KeyType keyType,
        long revision,
        Instant validFrom,
        String reason,
        List<Partition> partitions,
        long nextPartitionOrdinal)
        implements Serializable {

    private static final Pattern CANONICAL_ID = Pattern.compile("p(0|[1-9]\\d{0,17})");
    private static final Comparator<Partition> BY_START = Comparator.comparing(
            (Partition p) -> p.range().start(), Comparator.nullsFirst(Comparator.naturalOrder()));

    public PartitionMap {
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException("partition map needs a table name");
        }
        Objects.requireNonNull(keyType, "partition map of '" + tableName + "': key type is required");
        if (revision < 0) {
            throw new IllegalArgumentException("partition map of '" + tableName + "': revision " + revision + " is negative");
        }
        Objects.requireNonNull(validFrom, "partition map of '" + tableName + "': validFrom is required");
        Objects.requireNonNull(reason, "partition map of '" + tableName + "': reason is required");
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalArgumentException("partition map of '" + tableName + "' has no partitions");
        }
        String where = "partition map of '" + tableName + "' revision " + revision;
        for (Partition p : partitions) {
            for (Key k : new Key[] {p.range().start(), p.range().end()}) {
                if (k != null && k.type() != keyType) {
                    throw new IllegalArgumentException(where + ": partition " + p + " has a "
                            + k.type().configName() + " boundary but the key type is " + keyType.configName());
                }
            }
        }
        List<Partition> sorted = new ArrayList<>(partitions);
        sorted.sort(BY_START);
        partitions = List.copyOf(sorted);
        validateLayout(where, partitions, nextPartitionOrdinal);
    }

    private static void validateLayout(String where, List<Partition> partitions, long nextOrdinal) {
        Partition first = partitions.get(0);
        Partition last = partitions.get(partitions.size() - 1);
        if (first.range().start() != null) {
            throw new IllegalArgumentException(where + ": first partition " + first + " must be open below");
        }
        if (last.range().end() != null) {
            throw new IllegalArgumentException(where + ": last partition " + last + " must be open above");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < partitions.size(); i++) {
            Partition p = partitions.get(i);
            if (!ids.add(p.partitionKey())) {
                throw new IllegalArgumentException(where + ": partition id " + p.partitionKey() + " is used twice");
            }
            OptionalLong ordinal = ordinalOf(p.partitionKey());
            if (ordinal.isPresent() && ordinal.getAsLong() >= nextOrdinal) {
                throw new IllegalArgumentException(where + ": partition id " + p.partitionKey()
                        + " is not below nextPartitionOrdinal " + nextOrdinal);
            }
            if (i > 0) {
                Partition prev = partitions.get(i - 1);
                if (!Objects.equals(prev.range().end(), p.range().start())) {
                    String problem = prev.range().end() == null || p.range().start() == null
                            || p.range().start().compareTo(prev.range().end()) < 0
                            ? " overlaps " : " leaves a gap before ";
                    throw new IllegalArgumentException(where + ": partition " + prev + problem + p);
                }
            }
        }
    }

    /** The canonical id of an ordinal: {@code p<ordinal>}. */
    public static String partitionId(long ordinal) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("partition ordinal " + ordinal + " is negative");
        }
        return "p" + ordinal;
    }

    /** The ordinal of a canonical id {@code p<n>}, or empty for any other id. */
    public static OptionalLong ordinalOf(String partitionKey) {
        return partitionKey != null && CANONICAL_ID.matcher(partitionKey).matches()
                ? OptionalLong.of(Long.parseLong(partitionKey.substring(1)))
                : OptionalLong.empty();
    }

    /** Revision 0 of {@code spec}'s table, from its initial partitioning; ids {@code p0..p(n-1)}. */
    public static PartitionMap initial(TableSpec spec, Instant validFrom) {
        List<Key> boundaries = InitialBoundaries.of(spec);
        List<Partition> partitions = new ArrayList<>(boundaries.size() + 1);
        Key start = null;
        for (int i = 0; i <= boundaries.size(); i++) {
            Key end = i < boundaries.size() ? boundaries.get(i) : null;
            partitions.add(new Partition(partitionId(i), new KeyRange(start, end)));
            start = end;
        }
        return new PartitionMap(spec.name(), spec.keyType(), 0, validFrom, "initial", partitions, partitions.size());
    }

    /** The partition holding {@code key}: a binary search on the starts, O(log n). */
    public Partition partitionFor(Key key) {
        return partitions.get(indexFor(key));
    }

    /** The partitions whose ranges meet the inclusive {@code interval}, in key order. */
    public List<Partition> overlapping(KeyInterval interval) {
        int from = interval.low() == null ? 0 : indexFor(interval.low());
        int to = interval.high() == null ? partitions.size() - 1 : indexFor(interval.high());
        return partitions.subList(from, to + 1);
    }

    public Optional<Partition> partition(String partitionKey) {
        return partitions.stream().filter(p -> p.partitionKey().equals(partitionKey)).findFirst();
    }

    /** The index of the partition holding {@code key}: the last one whose start is at or below it. */
    int indexFor(Key key) {
        Objects.requireNonNull(key, "key is required");
        if (key.type() != keyType) {
            throw new IllegalArgumentException("key " + key + " is a " + key.type().configName()
                    + " key but table '" + tableName + "' has " + keyType.configName() + " keys");
        }
        int lo = 1;
        int hi = partitions.size() - 1;
        int found = 0; // partition 0 is open below
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (partitions.get(mid).range().start().compareTo(key) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The next revision: {@code plan} applied, revision + 1. */
    public PartitionMap apply(RepartitionPlan plan, Instant validFrom, String reason) {
        return PlanApplier.apply(this, plan, validFrom, reason);
    }

    /** Splits one partition at {@code splitPoint}; the right part gets a fresh id. */
    public PartitionMap split(String partitionKey, Key splitPoint, Instant validFrom, String reason) {
        return apply(RepartitionPlan.builder(this).split(partitionKey, splitPoint).build(), validFrom, reason);
    }

    /** Merges adjacent partitions into one that keeps the first listed id. */
    public PartitionMap merge(List<String> partitionKeys, Instant validFrom, String reason) {
        return apply(RepartitionPlan.builder(this).merge(partitionKeys).build(), validFrom, reason);
    }

    public int size() {
        return partitions.size();
    }

    @Override
    public String toString() {
        return "PartitionMap[" + tableName + " r" + revision + " from " + validFrom + " (" + reason + "): " + partitions + "]";
    }
}
