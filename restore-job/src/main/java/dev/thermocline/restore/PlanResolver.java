package dev.thermocline.restore;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.restore.ChangelogExtent;
import dev.thermocline.core.restore.RestorePlan;
import dev.thermocline.core.restore.RestorePlanner;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.core.restore.RestoreSegment;
import dev.thermocline.core.restore.RestoreUnit;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.FileIO;

/**
 * Plans a restore from metadata only (no data file is opened): the partition-map history, the
 * backup copies listed in the {@code backups} snapshot summaries, the change log's extent and
 * retention, then per segment the files of its base copy (time travel to the copy's snapshot;
 * table, partition, key range) and of the change log (table, the segment's partition ids,
 * {@code (cutoff, T]}, key range). Each table snapshot's manifests are read once ({@link TableFiles})
 * and the per-segment filters are evaluated against them as a scan would.
 */
public final class PlanResolver {

    private final Catalog catalog;
    private final Namespace namespace;

    public PlanResolver(Catalog catalog, Namespace namespace) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is required");
        this.namespace = Objects.requireNonNull(namespace, "namespace is required");
    }

    public ResolvedPlan resolve(RestoreRequest request, KeyType keyType, PartitionMapHistory history) {
        String table = request.tableName();
        Table backups = load(ThermoclineTables.BACKUPS);
        Table changelog = load(ThermoclineTables.CHANGELOG);
        Long backupsSnapshot = snapshotId(backups);
        Long changelogSnapshot = snapshotId(changelog);

        List<ReadableCopy> readable = backupsSnapshot == null ? List.of()
                : BackupCopies.read(backups, backupsSnapshot, table, keyType);
        Map<BackupCopy, Long> readSnapshots = new HashMap<>();
        readable.forEach(r -> readSnapshots.put(r.copy(), r.readSnapshot()));
        TableFiles changelogFiles = changelogSnapshot == null ? null : new TableFiles(changelog, changelogSnapshot,
                ScanFilters.table(table), "changelog", SegmentRestorer.changeColumns(keyType));
        ChangelogExtent extent = changelog == null ? new ChangelogExtent(null, null)
                : ChangelogExtents.of(changelog, changelogFiles, table,
                        RetentionEvidence.completeAfter(changelog, backups, table, keyType));

        RestorePlan plan = new RestorePlanner(history, List.copyOf(readSnapshots.keySet()), extent).plan(request);

        Map<Long, TableFiles> backupFiles = new HashMap<>();
        List<List<SegmentFiles>> files = new ArrayList<>();
        Map<BackupCopy, Long> used = new HashMap<>();
        for (RestoreUnit unit : plan.units()) {
            List<SegmentFiles> perSegment = new ArrayList<>();
            for (RestoreSegment segment : unit.segments()) {
                List<PlannedFile> base = List.of();
                if (segment.base() != null) {
                    long snapshot = readSnapshots.get(segment.base());
                    used.put(segment.base(), snapshot);
                    base = backupFiles.computeIfAbsent(snapshot, s -> new TableFiles(backups, s, ScanFilters.table(table),
                            "backups", SegmentRestorer.backupColumns(keyType))).select(Expressions.and(
                            Expressions.equal("partition_key", segment.base().partitionKey()),
                            ScanFilters.keys(keyType, segment.keys())));
                }
                List<PlannedFile> changed = changelogFiles == null ? List.of() : changelogFiles.select(Expressions.and(
                        ScanFilters.partitions(segment.changelogPartitions()),
                        ScanFilters.window(segment.replayAfter(), unit.asOf()),
                        ScanFilters.keys(keyType, segment.keys())));
                perSegment.add(new SegmentFiles(base, changed));
            }
            files.add(perSegment);
        }
        return new ResolvedPlan(table, keyType, plan, files, io(backups), io(changelog),
                backups == null ? ThermoclineTables.backups().schema() : backups.schema(),
                changelog == null ? ThermoclineTables.changelog().schema() : changelog.schema(),
                backupsSnapshot, changelogSnapshot, used);
    }

    private Table load(String name) {
        TableIdentifier id = TableIdentifier.of(namespace, name);
        if (!catalog.tableExists(id)) {
            return null;
        }
        Table t = catalog.loadTable(id);
        t.refresh();
        return t;
    }

    private static Long snapshotId(Table t) {
        Snapshot s = t == null ? null : t.currentSnapshot();
        return s == null ? null : s.snapshotId();
    }

    private static FileIO io(Table t) {
        return t == null ? null : t.io();
    }
}
