package dev.thermocline.core.backup;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Plans one table's backup run: new copy = previous copy + its changes since the previous copy's
 * cutoff (the first copy of a key range = the change log alone).
 *
 * <p>For each partition of {@code layout}: a previous copy with the same id and range is carried
 * over unless the partition is due ({@link DuePolicy}, or asked for by name); a partition without
 * such a copy is always due — built from the copies overlapping its range (a split child from its
 * parent, a merged union from its parts), or from the change log where none does. Previous copies
 * that are not carried over are replaced in the same commit, so after it the copies tile the keys
 * of {@code layout} exactly once.
 */
public final class BackupPlanner {

    private static final Comparator<KeyRange> BY_START =
            Comparator.comparing(KeyRange::start, Comparator.nullsFirst(Comparator.naturalOrder()));

    private BackupPlanner() {}

    /**
     * @param layout the partition map to lay the copies out by
     * @param previous every copy of the table in the newest backup (empty before the first)
     * @param cutoff the new copies' cutoff; not before the cutoff of any copy a new one is built from
     * @param onDemand partition ids of {@code layout} to copy whatever the policy says
     * @param activity the change activity of a partition since its copy; asked only for partitions
     *     that keep their copy's range
     * @throws IllegalArgumentException naming the partition when {@code cutoff} is before the cutoff
     *     of a copy it must build on, or when {@code onDemand} names a partition not in {@code layout}
     */
    public static BackupPlan plan(PartitionMap layout, List<BackupCopy> previous, Instant cutoff, Set<String> onDemand,
                                  DuePolicy policy, BiFunction<Partition, BackupCopy, PartitionActivity> activity) {
        Objects.requireNonNull(cutoff, "cutoff is required");
        Set<String> unknown = new TreeSet<>(onDemand);
        layout.partitions().forEach(p -> unknown.remove(p.partitionKey()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("partitions " + unknown + " are not in revision " + layout.revision()
                    + " of '" + layout.tableName() + "': " + layout.partitions());
        }
        Map<String, BackupCopy> previousById = new HashMap<>();
        for (BackupCopy c : previous) {
            if (!c.tableName().equals(layout.tableName())) {
                throw new IllegalArgumentException("copy of '" + c.tableName() + "' in a plan for '" + layout.tableName() + "'");
            }
            previousById.put(c.partitionKey(), c);
        }
        List<CopyTask> tasks = new ArrayList<>();
        List<BackupCopy> carried = new ArrayList<>();
        for (Partition p : layout.partitions()) {
            BackupCopy same = previousById.get(p.partitionKey());
            if (same != null && same.range().equals(p.range())) {
                Optional<DueReason> reason = onDemand.contains(p.partitionKey()) ? Optional.of(DueReason.ON_DEMAND)
                        : same.cutoffTs().isBefore(cutoff) ? policy.due(activity.apply(p, same)) : Optional.empty();
                if (reason.isEmpty()) {
                    carried.add(same);
                } else {
                    tasks.add(task(p, List.of(new CopySource(p.range(), same)), reason.get(), cutoff));
                }
            } else {
                List<CopySource> sources = sources(p.range(), previous);
                boolean fromCopies = sources.stream().anyMatch(s -> s.base() != null);
                tasks.add(task(p, sources, fromCopies ? DueReason.LAYOUT_CHANGED : DueReason.FIRST_COPY, cutoff));
            }
        }
        Set<String> replaced = new LinkedHashSet<>();
        tasks.forEach(t -> replaced.add(t.partition().partitionKey()));
        for (BackupCopy c : previous) {
            if (!carried.contains(c)) {
                replaced.add(c.partitionKey());
            }
        }
        return new BackupPlan(layout, cutoff, tasks, carried, replaced);
    }

    private static CopyTask task(Partition p, List<CopySource> sources, DueReason reason, Instant cutoff) {
        for (CopySource s : sources) {
            if (s.base() != null && s.base().cutoffTs().isAfter(cutoff)) {
                throw new IllegalArgumentException("cannot back up " + p + " of '" + s.base().tableName() + "' at cutoff "
                        + cutoff + ": it builds on copy " + s.base().partitionKey() + " whose cutoff "
                        + s.base().cutoffTs() + " is later");
            }
        }
        return new CopyTask(p, sources, reason);
    }

    /** {@code range} cut into the pieces the previous copies cover, plus the uncovered gaps (no base). */
    static List<CopySource> sources(KeyRange range, List<BackupCopy> previous) {
        List<BackupCopy> overlapping = new ArrayList<>();
        for (BackupCopy c : previous) {
            if (c.range().overlaps(range)) {
                overlapping.add(c);
            }
        }
        overlapping.sort(Comparator.comparing(BackupCopy::range, BY_START));
        List<CopySource> sources = new ArrayList<>();
        Key cursor = range.start();
        for (BackupCopy c : overlapping) {
            KeyRange piece = intersection(range, c.range());
            if (!Objects.equals(piece.start(), cursor)) {
                sources.add(new CopySource(new KeyRange(cursor, piece.start()), null));
            }
            sources.add(new CopySource(piece, c));
            cursor = piece.end();
            if (cursor == null) {
                return sources;
            }
        }
        if (overlapping.isEmpty()) {
            return List.of(new CopySource(range, null));
        }
        if (!Objects.equals(cursor, range.end())) {
            sources.add(new CopySource(new KeyRange(cursor, range.end()), null));
        }
        return sources;
    }

    static KeyRange intersection(KeyRange a, KeyRange b) {
        Key start = a.start() == null ? b.start() : b.start() == null ? a.start()
                : a.start().compareTo(b.start()) >= 0 ? a.start() : b.start();
        Key end = a.end() == null ? b.end() : b.end() == null ? a.end()
                : a.end().compareTo(b.end()) <= 0 ? a.end() : b.end();
        return new KeyRange(start, end);
    }
}
