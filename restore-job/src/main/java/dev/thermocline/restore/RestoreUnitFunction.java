package dev.thermocline.restore;

import dev.thermocline.core.reconstruct.RowState;
import dev.thermocline.core.restore.RestoreUnit;
import java.util.List;
import java.util.Objects;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Restores one unit per element (its index): each segment reconstructed from its base copy and
 * changes, written in key order to the unit's part, then one final report. Sends a progress report
 * after each file, at most every {@value #PROGRESS_MILLIS} ms.
 */
final class RestoreUnitFunction extends ProcessFunction<Integer, UnitReport> {

    private static final long serialVersionUID = 1L;
    static final long PROGRESS_MILLIS = 500;

    private final ResolvedPlan plan;
    private final UnitWriterFactory writers;

    RestoreUnitFunction(ResolvedPlan plan, UnitWriterFactory writers) {
        this.plan = Objects.requireNonNull(plan, "plan is required");
        this.writers = Objects.requireNonNull(writers, "writers are required");
    }

    @Override
    public void processElement(Integer index, Context ctx, Collector<UnitReport> out) throws Exception {
        long start = System.nanoTime();
        RestoreUnit unit = plan.unit(index);
        SegmentRestorer restorer = new SegmentRestorer(plan);
        UnitStats stats = new UnitStats();
        long[] lastReport = {System.currentTimeMillis()};
        Runnable progress = () -> {
            long now = System.currentTimeMillis();
            if (now - lastReport[0] >= PROGRESS_MILLIS) {
                lastReport[0] = now;
                out.collect(stats.report(index, false, null, System.nanoTime() - start));
            }
        };
        try (UnitWriter writer = writers.open(index)) {
            for (int s = 0; s < unit.segments().size(); s++) {
                List<RowState> rows = restorer.restore(unit.asOf(), unit.segments().get(s), plan.files(index, s), stats, progress);
                for (RowState row : rows) {
                    writer.write(row);
                }
                stats.rowsWritten += rows.size();
            }
            String output = writer.finish();
            out.collect(stats.report(index, true, output, System.nanoTime() - start));
        }
    }
}
