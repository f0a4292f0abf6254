package dev.thermocline.changelog;

import dev.thermocline.core.change.ChangeRecord;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.table.data.RowData;

/**
 * Records how far the change log is complete. It sits on each source task's timed changes, beside
 * the path to the changelog writer; just before each checkpoint barrier leaves it, it emits one
 * {@code changelog_progress} row with the checkpoint id and that source task's watermark. With
 * aligned checkpoints (Flink's default) every change that passed before barrier N is in the
 * changelog commit for N, so a watermark W reported for N means: every change of this source task
 * with {@code ts <= W} that is not late is committed once N is. {@link ChangelogProgress#completeThrough}
 * takes the minimum over the source tasks.
 *
 * <p>A source task that is idle (no input for the idleness timeout) or that read nothing at all
 * constrains nothing and reports {@link #UNCONSTRAINED}, as Flink's own watermarks ignore idle
 * inputs. The end of a bounded input is not the end of the change stream (another backfill or the
 * live topic may follow), so Flink's final end-of-time watermark is not reported: the end-of-input
 * row (checkpoint id {@link Long#MAX_VALUE}, the id Iceberg's committer gives its final commit)
 * carries what the watermark would be after all this task saw, its newest timestamp minus the
 * out-of-orderness bound — the same promise the live job makes.
 *
 * <p>Counts {@code changes_late}: changes at or below their source task's watermark. They are
 * written like any other, but a backup whose cutoff that watermark already allowed misses them; a
 * steady count means the out-of-orderness bound is too small.
 */
public final class ProgressMarker extends AbstractStreamOperator<RowData>
        implements OneInputStreamOperator<ChangeRecord, RowData>, BoundedOneInput {

    /** The watermark value of a source task that holds nothing back. */
    public static final long UNCONSTRAINED = Long.MAX_VALUE;

    private static final long serialVersionUID = 1L;

    private final long maxOutOfOrdernessMillis;

    private transient long watermark;
    private transient long newest;
    private transient boolean idle;
    private transient boolean ended;
    private transient Counter late;

    /** @param maxOutOfOrderness the bound the job's watermarks use */
    public ProgressMarker(Duration maxOutOfOrderness) {
        this.maxOutOfOrdernessMillis = maxOutOfOrderness.toMillis();
    }

    @Override
    public void open() throws Exception {
        super.open();
        watermark = Long.MIN_VALUE;
        newest = Long.MIN_VALUE;
        late = getMetricGroup().counter("changes_late");
    }

    @Override
    public void processElement(StreamRecord<ChangeRecord> element) {
        long ts = element.getValue().timestamp().toEpochMilli();
        if (ts <= watermark) {
            late.inc();
        }
        newest = Math.max(newest, ts);
        idle = false;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() != Long.MAX_VALUE) {
            watermark = Math.max(watermark, mark.getTimestamp());
        }
        super.processWatermark(mark);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        idle = status.isIdle();
        super.processWatermarkStatus(status);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        if (!ended) {
            emit(checkpointId, idle ? UNCONSTRAINED : watermark);
        }
    }

    @Override
    public void endInput() {
        ended = true;
        emit(Long.MAX_VALUE, newest == Long.MIN_VALUE ? UNCONSTRAINED
                : Math.max(watermark, newest - maxOutOfOrdernessMillis - 1));
    }

    private void emit(long checkpointId, long reported) {
        var task = getRuntimeContext().getTaskInfo();
        output.collect(new StreamRecord<>(ChangelogProgress.row(getRuntimeContext().getJobInfo().getJobId().toString(),
                checkpointId, task.getIndexOfThisSubtask(), task.getNumberOfParallelSubtasks(), reported,
                Instant.ofEpochMilli(getProcessingTimeService().getCurrentProcessingTime()))));
    }
}
