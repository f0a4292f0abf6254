package dev.thermocline.restore;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.restore.ReadEstimate;
import dev.thermocline.core.restore.RestorePlan;
import dev.thermocline.core.restore.RestoreUnit;
import dev.thermocline.core.restore.UnitEstimate;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.Schema;
import org.apache.iceberg.io.FileIO;

/**
 * A restore plan bound to the tables' current metadata: the files each segment reads and the
 * snapshots they come from. Everything a worker needs travels with it (it is serializable); the
 * explain figures derive from it, so what explain promises is what the job reads.
 *
 * @param table the protected table
 * @param keyType its key type
 * @param plan the units and segments
 * @param files per unit, per segment: the files to read
 * @param backupsIo reads {@code backups} files
 * @param changelogIo reads {@code changelog} files
 * @param backupsSchema the {@code backups} schema (field ids for reading its files)
 * @param changelogSchema the {@code changelog} schema
 * @param backupsSnapshot the {@code backups} snapshot planned against; null when it has none
 * @param changelogSnapshot the {@code changelog} snapshot planned against; null when it has none
 * @param readSnapshots per base copy, the snapshot its files were planned at
 */
public record ResolvedPlan(String table, KeyType keyType, RestorePlan plan, List<List<SegmentFiles>> files,
                           FileIO backupsIo, FileIO changelogIo, Schema backupsSchema, Schema changelogSchema,
                           Long backupsSnapshot, Long changelogSnapshot,
                           Map<BackupCopy, Long> readSnapshots) implements Serializable {

    public ResolvedPlan {
        Objects.requireNonNull(plan, "plan is required");
        files = files.stream().map(List::copyOf).toList();
        if (files.size() != plan.units().size()) {
            throw new IllegalArgumentException("files for " + files.size() + " units, plan has " + plan.units().size());
        }
        readSnapshots = Map.copyOf(readSnapshots);
    }

    public RestoreUnit unit(int index) {
        return plan.units().get(index);
    }

    public SegmentFiles files(int unit, int segment) {
        return files.get(unit).get(segment);
    }

    public int unitCount() {
        return plan.units().size();
    }

    /** Per unit, what it reads according to the metadata. */
    public List<UnitEstimate> estimates() {
        List<UnitEstimate> out = new ArrayList<>();
        for (int u = 0; u < files.size(); u++) {
            ReadEstimate base = ReadEstimate.NONE;
            ReadEstimate changes = ReadEstimate.NONE;
            for (SegmentFiles f : files.get(u)) {
                base = base.plus(f.baseEstimate());
                changes = changes.plus(f.changeEstimate());
            }
            out.add(new UnitEstimate(u, base, changes));
        }
        return out;
    }

    public ReadEstimate totalBase() {
        return estimates().stream().map(UnitEstimate::base).reduce(ReadEstimate.NONE, ReadEstimate::plus);
    }

    public ReadEstimate totalChanges() {
        return estimates().stream().map(UnitEstimate::changes).reduce(ReadEstimate.NONE, ReadEstimate::plus);
    }

    /** Distinct partitions the plan reads (of the maps in force at its as-of times). */
    public long partitionCount() {
        return plan.units().stream().map(u -> u.partition().partitionKey() + "@" + u.mapRevision()).distinct().count();
    }

    public long segmentsWithoutBase() {
        return plan.units().stream().flatMap(u -> u.segments().stream()).filter(s -> s.base() == null).count();
    }
}
