package dev.thermocline.restore;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.flink.backup.BackupSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * Infers from metadata how far back the change log of a table is still complete, so a restore that
 * would need removed changes fails instead of returning rows that miss them. Two kinds of evidence,
 * the later bound wins:
 *
 * <ul>
 *   <li><b>Seen removals:</b> a snapshot still in the change log's history that removed data files
 *       of the table ({@code delete} or {@code overwrite}; a {@code replace} — compaction — keeps
 *       every row). Every change at or before the largest {@code ts} upper bound of those files (read
 *       from the parent snapshot's manifests) may be gone; every later one is in a file still
 *       present. This needs no assumption about who removed them.
 *   <li><b>Expired history:</b> snapshots older than the oldest present one were expired, so a
 *       removal may have gone with them unseen. Only backup retention (changelog-job's
 *       {@code Retention}, core's {@code RetentionRule}) removes change-log files, and it removes
 *       only changes at or before the earliest cutoff of the copies the kept {@code backups}
 *       snapshots list — and nothing of a table some kept snapshot does not list. So the bound is
 *       that earliest cutoff over the present {@code backups} snapshots.
 * </ul>
 */
final class RetentionEvidence {

    private RetentionEvidence() {}

    /** The instant the table's changes are complete after, or null when the log is complete from its start. */
    static Instant completeAfter(Table changelog, Table backups, String table, KeyType keyType) {
        if (changelog == null) {
            return null;
        }
        Instant seen = seenRemovals(changelog, table);
        Instant expired = historyExpired(changelog) && backups != null ? byRetentionRule(backups, table, keyType) : null;
        return expired == null ? seen : later(seen, expired);
    }

    /**
     * The largest ts upper bound of the table's data files removed by a present snapshot; null when
     * none. A snapshot lists what it removed without column stats, so the bounds come from its
     * parent's manifests; when the parent was expired, the removing commit's time stands in (its
     * files held changes captured before it).
     */
    private static Instant seenRemovals(Table changelog, String table) {
        int tsId = changelog.schema().findField("ts").fieldId();
        Instant bound = null;
        for (Snapshot s : changelog.snapshots()) {
            if (!DataOperations.DELETE.equals(s.operation()) && !DataOperations.OVERWRITE.equals(s.operation())) {
                continue;
            }
            Set<String> removed = new HashSet<>();
            for (DataFile f : s.removedDataFiles(changelog.io())) {
                String of = tableOf(changelog, f);
                if (of == null || of.equals(table)) { // null: not partitioned by table, so it may hold the table's changes
                    removed.add(f.location());
                }
            }
            if (removed.isEmpty()) {
                continue;
            }
            Instant committed = Instant.ofEpochMilli(s.timestampMillis());
            Snapshot parent = s.parentId() == null ? null : changelog.snapshot(s.parentId());
            if (parent == null) {
                bound = later(bound, committed);
                continue;
            }
            try (CloseableIterable<FileScanTask> tasks = changelog.newScan().useSnapshot(parent.snapshotId())
                    .filter(ScanFilters.table(table)).includeColumnStats().planFiles()) {
                for (FileScanTask t : tasks) {
                    if (removed.contains(t.file().location())) {
                        bound = later(bound, upperTs(t.file(), tsId, committed));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading the changelog metadata failed", e);
            }
        }
        return bound;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static Instant upperTs(DataFile f, int tsId, Instant committed) {
        ByteBuffer b = f.upperBounds() == null ? null : f.upperBounds().get(tsId);
        if (b == null) {
            return committed;
        }
        long micros = Conversions.<Long>fromByteBuffer(Types.TimestampType.withZone(), b);
        return Instant.EPOCH.plusNanos(micros * 1000);
    }

    /** Some present snapshot's parent is gone: older snapshots were expired. */
    private static boolean historyExpired(Table changelog) {
        Set<Long> present = new HashSet<>();
        for (Snapshot s : changelog.snapshots()) {
            present.add(s.snapshotId());
        }
        for (Snapshot s : changelog.snapshots()) {
            if (s.parentId() != null && !present.contains(s.parentId())) {
                return true;
            }
        }
        return false;
    }

    /** What retention could have removed: changes at or before the earliest cutoff of the present backups snapshots. */
    private static Instant byRetentionRule(Table backups, String table, KeyType keyType) {
        Instant earliest = null;
        for (Snapshot s : backups.snapshots()) {
            var copies = BackupSummary.decode(table, keyType, s.summary(), s.snapshotId());
            if (copies.isEmpty()) {
                return null; // retention keeps the whole log of a table some kept snapshot does not list
            }
            for (BackupCopy c : copies) {
                earliest = earliest == null || c.cutoffTs().isBefore(earliest) ? c.cutoffTs() : earliest;
            }
        }
        return earliest;
    }

    private static String tableOf(Table changelog, DataFile f) {
        PartitionSpec spec = changelog.specs().get(f.specId());
        for (int i = 0; i < spec.fields().size(); i++) {
            if ("table_name".equals(changelog.schema().findColumnName(spec.fields().get(i).sourceId()))) {
                return f.partition().get(i, String.class);
            }
        }
        return null;
    }
}
