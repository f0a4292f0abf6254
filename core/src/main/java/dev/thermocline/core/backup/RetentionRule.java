package dev.thermocline.core.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What history may go: a restore at any {@code T >= horizon} (now minus the retention) must still
 * find a copy with cutoff at or before T for every key, and every change after that copy's cutoff.
 *
 * <p>The anchor is the newest backup snapshot committed at or before the horizon: a run's cutoff
 * is never later than its commit, so all the anchor's copies have cutoffs at or before the horizon,
 * and they cover every key. Snapshots older than the anchor can be expired; the anchor and every
 * later one stay. A table's changes are needed from the earliest cutoff of any copy those kept
 * snapshots list; older ones can go. A table that some kept snapshot does not cover at all keeps
 * its whole change log (a restore would replay it from the start).
 *
 * @param oldestBackupToKeep the anchor snapshot; empty = no snapshot is old enough, keep all
 * @param changesNeededAfter per table, changes at or before this instant are no longer needed
 */
public record RetentionRule(Optional<Long> oldestBackupToKeep, Map<String, Instant> changesNeededAfter) {

    /** One backup snapshot as retention sees it: when it was committed and the copies it lists. */
    public record BackupPoint(long snapshotId, Instant committedAt, Map<String, List<BackupCopy>> copiesByTable) {
        public BackupPoint {
            Objects.requireNonNull(committedAt, "committedAt is required");
            copiesByTable = Map.copyOf(copiesByTable);
        }
    }

    public RetentionRule {
        Objects.requireNonNull(oldestBackupToKeep, "oldestBackupToKeep is required (empty to keep all)");
        changesNeededAfter = Map.copyOf(changesNeededAfter);
    }

    public static RetentionRule decide(List<BackupPoint> snapshots, Set<String> tables, Instant horizon) {
        List<BackupPoint> byTime = new ArrayList<>(snapshots);
        byTime.sort(Comparator.comparing(BackupPoint::committedAt).thenComparing(BackupPoint::snapshotId));
        int anchor = -1;
        for (int i = 0; i < byTime.size(); i++) {
            if (!byTime.get(i).committedAt().isAfter(horizon)) {
                anchor = i;
            }
        }
        if (anchor < 0) {
            return new RetentionRule(Optional.empty(), Map.of());
        }
        List<BackupPoint> kept = byTime.subList(anchor, byTime.size());
        Map<String, Instant> needed = new LinkedHashMap<>();
        for (String table : tables) {
            Instant earliest = null;
            boolean covered = true;
            for (BackupPoint p : kept) {
                List<BackupCopy> copies = p.copiesByTable().getOrDefault(table, List.of());
                if (copies.isEmpty()) {
                    covered = false;
                    break;
                }
                for (BackupCopy c : copies) {
                    earliest = earliest == null || c.cutoffTs().isBefore(earliest) ? c.cutoffTs() : earliest;
                }
            }
            if (covered && earliest != null) {
                needed.put(table, earliest);
            }
        }
        return new RetentionRule(Optional.of(byTime.get(anchor).snapshotId()), needed);
    }
}
