package dev.thermocline.backup;

import dev.thermocline.core.backup.PartitionActivity;
import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads the changes of a key range from {@code changelog} at one snapshot, with every filter pushed
 * down: the table, the partitions the range ever overlapped (changes keep the partition they were
 * tagged with), the time window (day partitions, then per-file ts bounds) and the key range
 * (per-file key bounds).
 */
final class ChangelogScan {

    private final Table changelog;
    private final long snapshotId;

    ChangelogScan(Table changelog, long snapshotId) {
        this.changelog = changelog;
        this.snapshotId = snapshotId;
    }

    /** Every partition id of any revision whose range overlaps {@code range}: the tags its keys' changes can have. */
    static List<String> partitionIdsEverOverlapping(PartitionMapHistory history, KeyRange range) {
        TreeSet<String> ids = new TreeSet<>();
        for (PartitionMap map : history.revisions()) {
            for (Partition p : map.partitions()) {
                if (p.range().overlaps(range)) {
                    ids.add(p.partitionKey());
                }
            }
        }
        return List.copyOf(ids);
    }

    static Expression filter(String table, List<String> partitionIds, KeyRange range, Instant after, Instant upTo) {
        Expression e = Expressions.and(Expressions.equal("table_name", table),
                Expressions.in("partition_key", partitionIds.toArray()));
        if (after != null) {
            e = Expressions.and(e, Expressions.greaterThan("ts", micros(after)));
        }
        if (upTo != null) {
            e = Expressions.and(e, Expressions.lessThanOrEqual("ts", micros(upTo)));
        }
        return Expressions.and(e, KeyFilters.in(range));
    }

    /** The changes matching the filter (the scan may return a few more from the same files: callers filter again). */
    List<ChangeRecord> read(KeyType keyType, Expression filter) {
        List<ChangeRecord> changes = new ArrayList<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(changelog).useSnapshot(snapshotId).where(filter).build()) {
            for (Record r : rows) {
                changes.add(new ChangeRecord((String) r.getField("table_name"), keyType.parse((String) r.getField("key")),
                        ChangeOp.fromCode((String) r.getField("op")),
                        new ChangePosition((Long) r.getField("lsn"), (Long) r.getField("seq")),
                        ((OffsetDateTime) r.getField("ts")).toInstant(), (String) r.getField("row")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + changelog.name() + " failed", e);
        }
        return changes;
    }

    /**
     * A partition's changes since its copy and in the equally long window before, estimated from
     * file metadata alone (no data read): the record counts of the files the window's filter plans.
     * Files that straddle a window's edge count whole, so the estimate errs towards "due".
     *
     * @param accessesPerHour the partition's recent heat, for the restore-cost trigger
     */
    PartitionActivity activity(String table, List<String> partitionIds, KeyRange range, Instant since, Instant cutoff,
                               double accessesPerHour) {
        Duration window = Duration.between(since, cutoff);
        long recent = plannedRecords(filter(table, partitionIds, range, since, cutoff));
        long before = plannedRecords(filter(table, partitionIds, range, since.minus(window), since));
        return new PartitionActivity(recent, before, window, accessesPerHour);
    }

    private long plannedRecords(Expression filter) {
        long records = 0;
        try (CloseableIterable<FileScanTask> tasks = changelog.newScan().useSnapshot(snapshotId).filter(filter).planFiles()) {
            for (FileScanTask t : tasks) {
                records += t.file().recordCount();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("planning " + changelog.name() + " failed", e);
        }
        return records;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
