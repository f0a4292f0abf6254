package dev.thermocline.changelog;

import static org.apache.iceberg.types.Types.NestedField.required;

import dev.thermocline.flink.iceberg.TableDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * How far the {@code changelog} is complete, i.e. up to which timestamp no further change can
 * arrive: the rule a backup's cutoff obeys.
 *
 * <p>The changelog job writes one {@code changelog_progress} row per source task and checkpoint
 * (see {@link ProgressMarker}): {@code job_id, checkpoint_id, subtask, parallelism,
 * watermark_millis, recorded_at}. Iceberg's Flink committer stamps each {@code changelog} snapshot
 * with {@code flink.job-id} and {@code flink.max-committed-checkpoint-id}. The changelog is then
 * complete through the smallest watermark (idle tasks aside) of the newest checkpoint N of that job
 * for which every task reported and N is at most the committed checkpoint: every change before
 * barrier N is committed, and none after it is at or below that watermark (unless late, which the
 * job counts).
 *
 * <p>Why a table and not a {@code changelog} snapshot property: Iceberg's sink takes fixed
 * snapshot properties only; the two tables are joined by (job, checkpoint) instead, which is as
 * safe because a progress row counts only once its checkpoint's changes are committed.
 */
public final class ChangelogProgress {

    public static final String TABLE = "changelog_progress";
    public static final String JOB_ID = "flink.job-id";
    public static final String MAX_COMMITTED_CHECKPOINT = "flink.max-committed-checkpoint-id";

    private static final Types.TimestampType TIMESTAMPTZ = Types.TimestampType.withZone();
    private static final Schema SCHEMA = new Schema(
            required(1, "job_id", Types.StringType.get(), "the changelog job's Flink job id"),
            required(2, "checkpoint_id", Types.LongType.get(), "Long.MAX_VALUE = end of a bounded input"),
            required(3, "subtask", Types.IntegerType.get()),
            required(4, "parallelism", Types.IntegerType.get()),
            required(5, "watermark_millis", Types.LongType.get(),
                    "the source task's event-time watermark at the barrier (at the end of a bounded input: its "
                            + "newest change minus the out-of-orderness bound); Long.MIN_VALUE = none yet, "
                            + "Long.MAX_VALUE = idle or read nothing"),
            required(6, "recorded_at", TIMESTAMPTZ));
    private static final RowType ROW_TYPE = FlinkSchemaUtil.convert(SCHEMA);

    private ChangelogProgress() {}

    public static TableDefinition table() {
        return new TableDefinition(TABLE, SCHEMA, PartitionSpec.unpartitioned(), SortOrder.unsorted(),
                Map.of("format-version", "2"));
    }

    public static TypeInformation<RowData> typeInfo() {
        return InternalTypeInfo.of(ROW_TYPE);
    }

    static RowData row(String jobId, long checkpointId, int subtask, int parallelism, long watermark, Instant at) {
        return GenericRowData.of(StringData.fromString(jobId), checkpointId, subtask, parallelism, watermark,
                TimestampData.fromInstant(at));
    }

    /**
     * The instant through which {@code changelog} is complete at its current snapshot: every change
     * with {@code ts} at or before it is committed. Empty when nothing is known to be complete (no
     * committed changes, or no progress for the committing job).
     */
    public static Optional<Instant> completeThrough(Table changelog, Table progress) {
        changelog.refresh();
        return completeThrough(changelog, changelog.currentSnapshot(), progress);
    }

    /**
     * As {@link #completeThrough(Table, Table)}, at snapshot {@code at} of {@code changelog} (null =
     * none). Maintenance commits (compaction, retention deletes) carry no job id; the newest ancestor
     * written by the changelog job counts.
     */
    public static Optional<Instant> completeThrough(Table changelog, Snapshot at, Table progress) {
        progress.refresh();
        Snapshot committed = null;
        if (at != null) {
            for (Snapshot s : SnapshotUtil.ancestorsOf(at.snapshotId(), changelog::snapshot)) {
                if (s.summary().get(JOB_ID) != null && s.summary().get(MAX_COMMITTED_CHECKPOINT) != null) {
                    committed = s;
                    break;
                }
            }
        }
        if (committed == null || progress.currentSnapshot() == null) {
            return Optional.empty();
        }
        String jobId = committed.summary().get(JOB_ID);
        long maxCheckpoint = Long.parseLong(committed.summary().get(MAX_COMMITTED_CHECKPOINT));
        TreeMap<Long, Map<Integer, Long>> watermarks = new TreeMap<>();
        Map<Long, Integer> parallelism = new HashMap<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(progress)
                .where(Expressions.and(Expressions.equal("job_id", jobId),
                        Expressions.lessThanOrEqual("checkpoint_id", maxCheckpoint)))
                .build()) {
            for (Record r : rows) {
                long checkpoint = (Long) r.getField("checkpoint_id");
                watermarks.computeIfAbsent(checkpoint, k -> new HashMap<>())
                        .merge((Integer) r.getField("subtask"), (Long) r.getField("watermark_millis"), Math::min);
                parallelism.put(checkpoint, (Integer) r.getField("parallelism"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + progress.name() + " failed", e);
        }
        for (Long checkpoint : watermarks.descendingKeySet()) {
            Map<Integer, Long> bySubtask = watermarks.get(checkpoint);
            if (bySubtask.size() == parallelism.get(checkpoint)) {
                long min = bySubtask.values().stream().mapToLong(Long::longValue)
                        .filter(w -> w != ProgressMarker.UNCONSTRAINED).min().orElse(Long.MIN_VALUE);
                return min == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(min));
            }
        }
        return Optional.empty();
    }
}
