package dev.thermocline.core.restore;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plans a restore from metadata alone (the seed's pseudocode): for each as-of time T, {@code mapAt(T)}
 * → the partitions overlapping the requested keys → per partition, the newest backup copy with
 * {@code cutoff <= T} covering each part of it (split where different copies are best; no copy →
 * replay from the log's start) → replay window {@code (cutoff, T]}.
 *
 * <p>Selections with the same effective time are merged; selections at different times must not
 * share a key (a key has one as-of time). Fails with a {@link RestoreException} naming the reason
 * when T is before the first partition map, before any data, or before the log's retention.
 */
public final class RestorePlanner {

    /** Newest cutoff first; equal cutoffs: newest revision, newest snapshot, then id, so the choice is stable. */
    private static final Comparator<BackupCopy> PREFERENCE = Comparator.comparing(BackupCopy::cutoffTs)
            .thenComparingLong(BackupCopy::revision)
            .thenComparingLong(BackupCopy::writtenInSnapshot)
            .thenComparing(BackupCopy::partitionKey);

    private final PartitionMapHistory history;
    private final List<BackupCopy> copies;
    private final ChangelogExtent extent;
    private final List<Partition> everyPartition;

    /**
     * @param history the table's partition-map revisions
     * @param copies the readable backup copies of the table (any snapshot, any revision)
     * @param extent how far back the change log reaches
     */
    public RestorePlanner(PartitionMapHistory history, List<BackupCopy> copies, ChangelogExtent extent) {
        this.history = Objects.requireNonNull(history, "partition map history is required");
        this.extent = Objects.requireNonNull(extent, "changelog extent is required");
        for (BackupCopy c : copies) {
            if (!c.tableName().equals(history.tableName())) {
                throw new IllegalArgumentException("backup copy " + c.partitionKey() + " of '" + c.tableName()
                        + "' given to the planner of '" + history.tableName() + "'");
            }
        }
        this.copies = List.copyOf(copies);
        Set<Partition> all = new LinkedHashSet<>();
        history.revisions().forEach(m -> all.addAll(m.partitions()));
        this.everyPartition = List.copyOf(all);
    }

    public RestorePlan plan(RestoreRequest request) {
        if (!request.tableName().equals(history.tableName())) {
            throw new IllegalArgumentException("restore of '" + request.tableName() + "' given to the planner of '"
                    + history.tableName() + "'");
        }
        if (extent.isEmpty() && copies.isEmpty()) {
            throw new RestoreException("table '" + request.tableName() + "' has no data yet: no change is captured "
                    + "in the change log and no backup exists");
        }
        Map<Instant, KeySpans> keysByTime = keysByTime(request);
        List<RestoreUnit> units = new ArrayList<>();
        for (Map.Entry<Instant, KeySpans> e : keysByTime.entrySet()) {
            Instant asOf = e.getKey();
            PartitionMap map = mapAt(request.tableName(), asOf);
            checkDataExists(request.tableName(), asOf);
            for (Partition p : map.partitions()) {
                KeySpans keys = e.getValue().intersect(p.range());
                if (!keys.isEmpty()) {
                    List<RestoreSegment> segments = segments(request.tableName(), asOf, keys);
                    units.add(new RestoreUnit(units.size(), asOf, map.revision(), p, keys, segments));
                }
            }
        }
        return new RestorePlan(request, units);
    }

    /** Selections merged per effective time; a key asked at two different times is an error. */
    private static Map<Instant, KeySpans> keysByTime(RestoreRequest request) {
        Map<Instant, KeySpans> byTime = new TreeMap<>();
        Map<RangeSelection, KeySpans> bySelection = new LinkedHashMap<>();
        for (RangeSelection s : request.selections()) {
            KeySpans keys = KeySpans.of(s);
            bySelection.put(s, keys);
            byTime.merge(request.effectiveAsOf(s), keys, KeySpans::union);
        }
        List<RangeSelection> selections = new ArrayList<>(bySelection.keySet());
        for (int i = 0; i < selections.size(); i++) {
            for (int j = i + 1; j < selections.size(); j++) {
                RangeSelection a = selections.get(i);
                RangeSelection b = selections.get(j);
                if (request.effectiveAsOf(a).equals(request.effectiveAsOf(b))) {
                    continue;
                }
                KeySpans shared = bySelection.get(a).intersect(bySelection.get(b));
                if (!shared.isEmpty()) {
                    throw new RestoreException("selections " + describe(request, a) + " and " + describe(request, b)
                            + " overlap at keys " + shared + " but ask for different times; a key is restored as of one time");
                }
            }
        }
        return byTime;
    }

    private static String describe(RestoreRequest request, RangeSelection s) {
        return s.asOf() != null ? s.toString() : s + "@" + request.asOf();
    }

    private PartitionMap mapAt(String table, Instant asOf) {
        return history.mapAt(asOf).orElseThrow(() -> new RestoreException("as-of " + asOf + " is before table '"
                + table + "' had a partition map (the first revision is valid from "
                + history.revisions().get(0).validFrom() + ")"));
    }

    private void checkDataExists(String table, Instant asOf) {
        Instant retained = extent.retainedFrom();
        if (retained != null && asOf.isBefore(retained)) {
            throw new RestoreException("as-of " + asOf + " is before the retention of table '" + table
                    + "': its change log is kept from " + retained);
        }
        // changes up to the bound may be gone: only a copy with cutoff in [bound, T] can start any key
        if (retained != null && copies.stream().noneMatch(c -> !c.cutoffTs().isBefore(retained) && !c.cutoffTs().isAfter(asOf))) {
            throw new RestoreException("as-of " + asOf + " is before the retention of table '" + table
                    + "': its change log is kept from " + retained + " and no backup has a cutoff between then and " + asOf);
        }
        boolean logReaches = extent.firstChange() != null && !asOf.isBefore(extent.firstChange());
        boolean copyReaches = copies.stream().anyMatch(c -> !c.cutoffTs().isAfter(asOf));
        if (!logReaches && !copyReaches) {
            throw new RestoreException("as-of " + asOf + " is before any data of table '" + table + "' ("
                    + (extent.firstChange() == null ? "no change is captured" : "its first change is at " + extent.firstChange())
                    + (copies.isEmpty() ? "" : ", its first backup cutoff is "
                            + copies.stream().map(BackupCopy::cutoffTs).min(Instant::compareTo).orElseThrow())
                    + ")");
        }
    }

    /**
     * The unit's keys cut where the best copy changes: boundaries of every candidate copy inside the
     * keys' covering range make elementary ranges, each wholly in or out of each copy; adjacent
     * elementary ranges with the same best copy are joined again.
     */
    private List<RestoreSegment> segments(String table, Instant asOf, KeySpans keys) {
        KeyRange cover = keys.covering();
        List<BackupCopy> candidates = copies.stream()
                .filter(c -> !c.cutoffTs().isAfter(asOf) && c.range().overlaps(cover))
                .toList();
        TreeSet<Key> cuts = new TreeSet<>();
        for (BackupCopy c : candidates) {
            for (Key k : new Key[] {c.range().start(), c.range().end()}) {
                if (k != null && cover.contains(k) && !k.equals(cover.start())) {
                    cuts.add(k);
                }
            }
        }
        List<RestoreSegment> segments = new ArrayList<>();
        Key start = cover.start();
        BackupCopy runBest = null;
        Key runStart = cover.start();
        boolean first = true;
        List<Key> ends = new ArrayList<>(cuts);
        ends.add(cover.end());
        for (Key end : ends) {
            KeyRange piece = new KeyRange(start, end);
            BackupCopy best = best(candidates, piece);
            if (!first && !Objects.equals(best, runBest)) {
                addSegment(segments, table, asOf, keys, new KeyRange(runStart, start), runBest);
                runStart = start;
            }
            runBest = best;
            first = false;
            start = end;
        }
        addSegment(segments, table, asOf, keys, new KeyRange(runStart, cover.end()), runBest);
        return segments;
    }

    private static BackupCopy best(List<BackupCopy> candidates, KeyRange piece) {
        BackupCopy best = null;
        for (BackupCopy c : candidates) {
            if (KeySpans.encloses(c.range(), piece) && (best == null || PREFERENCE.compare(c, best) > 0)) {
                best = c;
            }
        }
        return best;
    }

    private void addSegment(List<RestoreSegment> out, String table, Instant asOf, KeySpans unitKeys, KeyRange range,
                            BackupCopy base) {
        KeySpans keys = unitKeys.intersect(range);
        if (keys.isEmpty()) {
            return;
        }
        Instant retained = extent.retainedFrom();
        if (retained != null && (base == null || base.cutoffTs().isBefore(retained))) {
            throw new RestoreException("keys " + keys + " of table '" + table + "' as of " + asOf
                    + " need changes from before " + retained + ", which the change log no longer keeps, and no backup "
                    + "with a cutoff between " + retained + " and " + asOf + " covers them");
        }
        out.add(RestoreSegment.of(keys, base, changelogPartitions(keys.covering())));
    }

    /**
     * Every partition id, in any revision, whose range meets {@code keys}: the change-log job tags a
     * change with the partition of the map it knows when it captures it, which may be an older or a
     * newer revision than the one in force at the change's timestamp.
     */
    private Set<String> changelogPartitions(KeyRange keys) {
        Set<String> ids = new TreeSet<>();
        for (Partition p : everyPartition) {
            if (p.range().overlaps(keys)) {
                ids.add(p.partitionKey());
            }
        }
        return ids;
    }
}
