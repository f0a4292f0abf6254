package dev.thermocline.cli.repartition;

import dev.thermocline.cli.Action;
import dev.thermocline.cli.ActionContext;
import dev.thermocline.cli.ExitCode;
import dev.thermocline.cli.JobSource;
import dev.thermocline.cli.RunJobRequest;
import dev.thermocline.cli.cluster.JobTarget;
import dev.thermocline.repartition.PlanRound;
import dev.thermocline.repartition.RepartitionDeployment;
import dev.thermocline.repartition.RepartitionJob;
import dev.thermocline.repartition.RepartitionOptions;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * {@code thermocline run repartition [--once]}: the repartition job on an in-process Flink over the
 * configured catalog, tuned by the {@code repartition.*} options. Prints every interval that changed something (a committed revision, a replayed
 * or adopted one) as it happens; with {@code --once} it plans the heatmap present, prints one summary
 * line per table and exits. Without {@code --once} it follows the heatmap until stopped; a new run
 * starts without state and follows the stored revisions back to where the last run stopped. With
 * {@code --cluster} it runs on that Flink cluster: {@code --once} is followed to its end as above;
 * otherwise the job is left running there (its rounds are visible in {@code partition_map} and
 * {@code split_requests}) and the command prints its id.
 */
public final class RunRepartitionAction implements Action<RunJobRequest> {

    @Override
    public int run(RunJobRequest request, ActionContext context) throws Exception {
        if (request.source() instanceof JobSource.JsonLinesFile file) {
            throw new IllegalArgumentException("--source " + file
                    + ": the repartition job reads the heatmap table, not a file; leave --source out");
        }
        JobTarget target = JobTarget.of(request.cluster());
        RepartitionDeployment deployment = RepartitionDeployment.of(context.config());
        StreamExecutionEnvironment env = target.plain();
        DataStream<PlanRound> rounds = deployment.job(request.once(), RepartitionOptions.from(context.config().repartition())).build(env);
        if (target.isCluster() && !request.once()) {
            // Left running on the cluster: nobody would fetch collected rounds, so they are dropped there.
            rounds.sinkTo(new DiscardingSink<>()).name("plan-rounds");
            context.out().println(target.submit(env, RepartitionJob.NAME).describe("repartition"));
            context.out().flush();
            return ExitCode.OK;
        }
        Map<String, Summary> tables = new LinkedHashMap<>();
        context.config().tables().keySet().forEach(t -> tables.put(t, new Summary()));
        PrintWriter out = context.out();
        try (CloseableIterator<PlanRound> it = rounds.collectAsync()) {
            env.executeAsync(RepartitionJob.NAME);
            while (it.hasNext()) {
                PlanRound round = it.next();
                tables.computeIfAbsent(round.tableName, t -> new Summary()).add(round);
                if (round.outcome() != PlanRound.Outcome.NO_CHANGE) {
                    out.println(round);
                    out.flush();
                }
            }
        }
        tables.forEach((table, summary) -> out.println(summary.line(table)));
        out.flush();
        return ExitCode.OK;
    }

    /** What one table's rounds added up to. */
    private static final class Summary {
        int intervals;
        int committed;
        PlanRound last;

        void add(PlanRound round) {
            intervals++;
            committed += round.outcome() == PlanRound.Outcome.COMMITTED ? 1 : 0;
            last = round;
        }

        String line(String table) {
            if (last == null) {
                return table + ": no heatmap cells, nothing to plan";
            }
            return table + ": " + intervals + " interval(s) planned up to "
                    + java.time.Instant.ofEpochMilli(last.intervalEnd) + "; revision " + last.revision + " in force, "
                    + committed + " committed by this run";
        }
    }
}
