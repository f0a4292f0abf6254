package dev.thermocline.restore;

import dev.thermocline.core.restore.CostModel;
import dev.thermocline.core.restore.RestoreException;
import dev.thermocline.core.restore.UnitEstimate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs a resolved plan: prepares the output, runs {@link RestoreJob} and follows its reports
 * (progress), checks every unit finished, then commits the output in one step — or aborts it, so a
 * failed restore leaves nothing under the requested name.
 */
public final class RestoreRunner {

    private final CostModel model;

    public RestoreRunner(CostModel model) {
        this.model = Objects.requireNonNull(model, "cost model is required");
    }

    public RestoreResult run(ResolvedPlan plan, RestoreOutput output, StreamExecutionEnvironment env,
                             RestoreProgress progress) throws Exception {
        List<UnitEstimate> estimates = plan.estimates();
        int parallelism = Math.max(1, env.getParallelism());
        int slots = CostModel.slots(estimates, parallelism);
        int[] slotOf = model.assign(estimates, parallelism);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < estimates.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> model.unitSeconds(estimates.get(i))).reversed());
        long plannedBytes = plan.totalBase().bytes() + plan.totalChanges().bytes();

        long start = System.nanoTime();
        UnitWriterFactory writers = output.prepare(UUID.randomUUID().toString());
        boolean committed = false;
        try {
            Map<Integer, UnitReport> latest = new TreeMap<>();
            Map<Integer, UnitReport> done = new TreeMap<>();
            RestoreJob job = new RestoreJob(plan, writers, order, slotOf, slots);
            try (CloseableIterator<UnitReport> reports = job.build(env).executeAndCollect("thermocline restore " + plan.table())) {
                while (reports.hasNext()) {
                    UnitReport r = reports.next();
                    if (done.containsKey(r.unit)) {
                        continue; // a restarted attempt repeating a unit: the first complete one counts
                    }
                    latest.put(r.unit, r);
                    if (r.done) {
                        done.put(r.unit, r);
                    }
                    progress.update(snapshot(latest, done.size(), plan.unitCount(), plannedBytes, start));
                }
            }
            if (done.size() != plan.unitCount()) {
                throw new RestoreException("restore of '" + plan.table() + "' ended with " + done.size() + " of "
                        + plan.unitCount() + " units finished; nothing was written");
            }
            List<UnitReport> units = new ArrayList<>(done.values());
            long rows = units.stream().mapToLong(u -> u.rows).sum();
            output.commit(units.stream().map(u -> u.output).toList(), RestoreSummary.of(plan, rows));
            committed = true;
            Duration actual = Duration.ofNanos(System.nanoTime() - start);
            return new RestoreResult(output.describe(), rows, units, plan.totalBase(), plan.totalChanges(),
                    model.predict(estimates, parallelism), actual);
        } finally {
            if (!committed) {
                output.abort();
            }
        }
    }

    private static RestoreProgress.Snapshot snapshot(Map<Integer, UnitReport> latest, int done, int units,
                                                     long plannedBytes, long start) {
        long rows = 0;
        long bytes = 0;
        for (UnitReport r : latest.values()) {
            rows += r.rows;
            bytes += r.bytesRead();
        }
        return new RestoreProgress.Snapshot(done, units, rows, bytes, plannedBytes, Duration.ofNanos(System.nanoTime() - start));
    }
}
