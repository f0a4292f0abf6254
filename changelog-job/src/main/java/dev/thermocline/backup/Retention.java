package dev.thermocline.backup;

import dev.thermocline.changelog.ChangelogProgress;
import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.backup.RetentionRule;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.backup.BackupSummary;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.actions.Actions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * Expires history older than the retention with Iceberg's own maintenance, never what a restore
 * inside the retention needs ({@link RetentionRule}):
 *
 * <ul>
 *   <li>{@code backups}: snapshots older than the anchor are expired ({@code ExpireSnapshots}, which
 *       also deletes the files only they referenced);
 *   <li>{@code changelog}: data files whose every change is at or before the table's earliest kept
 *       cutoff (per-file {@code ts} upper bound) are removed from the table ({@code DeleteFiles}),
 *       then snapshots older than the horizon expire; files that straddle the bound stay whole;
 *   <li>{@code changelog_progress}: files recorded before the horizon are removed while newer
 *       progress exists, then its snapshots expire.
 * </ul>
 * Compaction of the change log's small streaming files is {@link #compactChangelog}, Iceberg's
 * Flink rewrite action.
 */
public final class Retention {

    /** Changelog snapshots kept whatever their age: the Flink committer finds its last commit among them. */
    static final int CHANGELOG_SNAPSHOTS_KEPT = 20;

    /**
     * @param oldestBackupKept the anchor snapshot of {@code backups}; null when nothing was old enough
     * @param backupSnapshotsExpired how many {@code backups} snapshots went
     * @param changesNeededAfter per table, changes at or before this instant were no longer needed
     * @param changelogFilesRemoved data files removed from {@code changelog}
     */
    public record Result(Long oldestBackupKept, int backupSnapshotsExpired, Map<String, Instant> changesNeededAfter,
                         int changelogFilesRemoved) {}

    private final Catalog catalog;
    private final Namespace namespace;
    private final Map<String, TableSpec> specs;

    public Retention(Catalog catalog, Namespace namespace, Map<String, TableSpec> specs) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is required.");
        this.namespace = Objects.requireNonNull(namespace, "namespace is required.");
        this.specs = Map.copyOf(specs);
    }

    /** Keeps what a restore at any time in the last {@code retention} needs. */
    public Result apply(Duration retention, Clock clock) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        return apply(clock.instant().minus(retention));
    }

    /** Keeps what a restore at any time at or after {@code horizon} needs. */
    public Result apply(Instant horizon) {
        Table backups = table(ThermoclineTables.BACKUPS);
        RetentionRule rule = RetentionRule.decide(backupPoints(backups), specs.keySet(), horizon);
        int expired = 0;
        if (rule.oldestBackupToKeep().isPresent()) {
            Snapshot anchor = backups.snapshot(rule.oldestBackupToKeep().get());
            int before = size(backups.snapshots());
            backups.expireSnapshots().expireOlderThan(anchor.timestampMillis()).retainLast(1).commit();
            backups.refresh();
            expired = before - size(backups.snapshots());
        }
        Table changelog = table(ThermoclineTables.CHANGELOG);
        int removed = removeFilesBefore(changelog, rule.changesNeededAfter());
        changelog.refresh();
        changelog.expireSnapshots().expireOlderThan(horizon.toEpochMilli()).retainLast(CHANGELOG_SNAPSHOTS_KEPT).commit();
        trimProgress(table(ChangelogProgress.TABLE), horizon);
        return new Result(rule.oldestBackupToKeep().orElse(null), expired, rule.changesNeededAfter(), removed);
    }

    /**
     * Rewrites the change log's small files (one per partition and checkpoint) into larger ones,
     * with Iceberg's Flink rewrite action, as a bounded job on {@code env}.
     */
    public void compactChangelog(StreamExecutionEnvironment env, Expression filter) {
        Actions.forTable(env, table(ThermoclineTables.CHANGELOG)).rewriteDataFiles().filter(filter).execute();
    }

    private List<RetentionRule.BackupPoint> backupPoints(Table backups) {
        List<RetentionRule.BackupPoint> points = new ArrayList<>();
        for (Snapshot s : backups.snapshots()) {
            Map<String, List<BackupCopy>> copies = new LinkedHashMap<>();
            specs.forEach((name, spec) -> copies.put(name,
                    BackupSummary.decode(name, spec.keyType(), s.summary(), s.snapshotId())));
            points.add(new RetentionRule.BackupPoint(s.snapshotId(), Instant.ofEpochMilli(s.timestampMillis()), copies));
        }
        return points;
    }

    private static int removeFilesBefore(Table changelog, Map<String, Instant> neededAfter) {
        if (neededAfter.isEmpty() || changelog.currentSnapshot() == null) {
            return 0;
        }
        int tsField = changelog.schema().findField("ts").fieldId();
        DeleteFiles delete = changelog.newDelete();
        int removed = 0;
        for (Map.Entry<String, Instant> e : neededAfter.entrySet()) {
            long bound = micros(e.getValue());
            Expression filter = Expressions.and(Expressions.equal("table_name", e.getKey()),
                    Expressions.lessThanOrEqual("ts", bound));
            try (CloseableIterable<FileScanTask> tasks = changelog.newScan().filter(filter).includeColumnStats().planFiles()) {
                for (FileScanTask t : tasks) {
                    if (upperBound(t.file(), tsField) <= bound) {
                        delete.deleteFile(t.file());
                        removed++;
                    }
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("planning " + changelog.name() + " failed", ex);
            }
        }
        if (removed > 0) {
            delete.commit();
        }
        return removed;
    }

    private static void trimProgress(Table progress, Instant horizon) {
        if (progress.currentSnapshot() == null) {
            return;
        }
        int recordedAt = progress.schema().findField("recorded_at").fieldId();
        long bound = micros(horizon);
        List<DataFile> old = new ArrayList<>();
        boolean newer = false;
        try (CloseableIterable<FileScanTask> tasks = progress.newScan().includeColumnStats().planFiles()) {
            for (FileScanTask t : tasks) {
                if (upperBound(t.file(), recordedAt) < bound) {
                    old.add(t.file());
                } else {
                    newer = true;
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("planning " + progress.name() + " failed", ex);
        }
        if (newer && !old.isEmpty()) {
            DeleteFiles delete = progress.newDelete();
            old.forEach(delete::deleteFile);
            delete.commit();
        }
        progress.refresh();
        progress.expireSnapshots().expireOlderThan(horizon.toEpochMilli()).retainLast(CHANGELOG_SNAPSHOTS_KEPT).commit();
    }

    /** A file's upper bound of a timestamp column in micros; Long.MAX_VALUE when its metrics lack one (keep it). */
    private static long upperBound(DataFile file, int fieldId) {
        ByteBuffer bound = file.upperBounds() == null ? null : file.upperBounds().get(fieldId);
        return bound == null ? Long.MAX_VALUE : Conversions.<Long>fromByteBuffer(Types.TimestampType.withZone(), bound);
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    private static int size(Iterable<?> items) {
        int n = 0;
        for (Object ignored : items) {
            n++;
        }
        return n;
    }

    private Table table(String name) {
        Table t = catalog.loadTable(TableIdentifier.of(namespace, name));
        t.refresh();
        return t;
    }
}
