package dev.thermocline.restore;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.restore.ChangelogExtent;
import dev.thermocline.core.restore.RestoreException;
import dev.thermocline.core.restore.RestorePlan;
import dev.thermocline.core.restore.RestorePlanner;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.core.restore.RestoreSegment;
import dev.thermocline.core.restore.RestoreUnit;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;

/**
 * Plans a restore from metadata only (no data file is opened): the partition-map history, the
 * backup copies listed in the {@code backups} snapshot summaries, the change log's extent, then
 * per segment the files of its base copy (time travel to the copy's snapshot) and of the change log
 * (pushed-down scan: table, the segment's partitions, {@code (cutoff, T]}, its key range).
 */
public final class PlanResolver {

    static final double NON_CHUNK_READ_SHARE = 0.85;

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
        ChangelogExtent extent = changelog == null ? new ChangelogExtent(null, null)
                : ChangelogExtents.of(changelog, changelogSnapshot, table,
                        RetentionEvidence.completeAfter(changelog, backups, table, keyType));

        RestorePlan plan = new RestorePlanner(history, List.copyOf(readSnapshots.keySet()), extent).plan(request);

        List<List<SegmentFiles>> files = new ArrayList<>();
        Map<BackupCopy, Long> used = new HashMap<>();
        for (RestoreUnit unit : plan.units()) {
            List<SegmentFiles> perSegment = new ArrayList<>();
            for (RestoreSegment segment : unit.segments()) {
                List<PlannedFile> base = List.of();
                if (segment.base() != null) {
                    long snapshot = readSnapshots.get(segment.base());
                    used.put(segment.base(), snapshot);
                    base = plan(backups, snapshot, Expressions.and(
                            ScanFilters.table(table),
                            Expressions.equal("partition_key", segment.base().partitionKey()),
                            ScanFilters.keys(keyType, segment.keys().covering())), "backups",
                            SegmentRestorer.BACKUP_COLUMNS);
                }
                List<PlannedFile> changes = changelogSnapshot == null ? List.of()
                        : plan(changelog, changelogSnapshot, Expressions.and(
                                ScanFilters.table(table),
                                ScanFilters.partitions(segment.changelogPartitions()),
                                ScanFilters.window(segment.replayAfter(), unit.asOf()),
                                ScanFilters.keys(keyType, segment.keys().covering())), "changelog",
                                SegmentRestorer.CHANGE_COLUMNS);
                perSegment.add(new SegmentFiles(base, changes));
            }
            files.add(perSegment);
        }
        return new ResolvedPlan(table, keyType, plan, files, io(backups), io(changelog),
                backups == null ? ThermoclineTables.backups().schema() : backups.schema(),
                changelog == null ? ThermoclineTables.changelog().schema() : changelog.schema(),
                backupsSnapshot, changelogSnapshot, used);
    }

    private static List<PlannedFile> plan(Table t, long snapshot, Expression filter, String what, String[] projected) {
        List<PlannedFile> out = new ArrayList<>();
        Set<Integer> read = t.schema().select(projected).columns().stream().map(c -> c.fieldId()).collect(Collectors.toSet());
        try (CloseableIterable<FileScanTask> tasks = t.newScan().useSnapshot(snapshot).filter(filter)
                .includeColumnStats().planFiles()) {
            for (FileScanTask task : tasks) {
                if (task.file().format() != FileFormat.PARQUET) {
                    throw new RestoreException(what + " data file " + task.file().location() + " is "
                            + task.file().format() + "; restore reads Parquet files");
                }
                if (!task.deletes().isEmpty()) {
                    throw new RestoreException(what + " data file " + task.file().location() + " has "
                            + task.deletes().size() + " delete file(s); restore reads append-only tables");
                }
                int position = partitionKeyPosition(t.specs().get(task.file().specId()), t);
                StructLike partition = task.file().partition();
                String partitionKey = position < 0 ? null : partition.get(position, String.class);
                out.add(new PlannedFile(task.file().location(), task.file().recordCount(),
                        task.file().fileSizeInBytes(), readBytes(task.file(), read), partitionKey));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("planning the " + what + " scan failed", e);
        }
        return out;
    }

    /**
     * What Parquet reads of a file: the chunks of the projected columns plus most of the rest (the
     * footer; the page indexes after the row groups are not read). Metadata splits only chunks from
     * the rest, so {@value #NON_CHUNK_READ_SHARE} of it counts — measured on our files, where it
     * matters only for small ones.
     */
    private static long readBytes(DataFile file, Set<Integer> projected) {
        if (file.columnSizes() == null || file.columnSizes().isEmpty()) {
            return file.fileSizeInBytes();
        }
        long chunks = 0;
        long projectedChunks = 0;
        for (Map.Entry<Integer, Long> e : file.columnSizes().entrySet()) {
            chunks += e.getValue();
            if (projected.contains(e.getKey())) {
                projectedChunks += e.getValue();
            }
        }
        long rest = Math.max(0, file.fileSizeInBytes() - chunks);
        return projectedChunks + Math.round(rest * NON_CHUNK_READ_SHARE);
    }

    private static int partitionKeyPosition(PartitionSpec spec, Table t) {
        var fields = spec.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (t.schema().findColumnName(fields.get(i).sourceId()).equals("partition_key")) {
                return i;
            }
        }
        return -1;
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
