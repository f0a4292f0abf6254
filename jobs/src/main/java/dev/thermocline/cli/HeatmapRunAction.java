package dev.thermocline.cli;

import dev.thermocline.cli.cluster.JobTarget;
import dev.thermocline.embedded.EmbeddedKafka;
import dev.thermocline.flink.config.ConfigException;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.kafka.KafkaSettings;
import dev.thermocline.heatmap.HeatmapDeployment;
import dev.thermocline.heatmap.HeatmapDeployment.DeadLetterTarget;
import dev.thermocline.heatmap.HeatmapJob;
import dev.thermocline.heatmap.HeatmapJobOptions;
import dev.thermocline.heatmap.HeatmapRollupAction;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code thermocline run heatmap}: the heatmap job on a local MiniCluster (RocksDB, incremental
 * checkpoints under {@code .thermocline/checkpoints/heatmap}) with the {@code heatmap.*} settings.
 * File source: reads the file to its end, then rolls the heatmap up once and prints what it
 * committed. Kafka source: the configured access topic (an embedded broker when none is configured),
 * running until stopped, rolling up every {@code heatmap.rollup-interval}. Dead letters go where
 * {@code heatmap.dead-letters} says ({@code auto}: Kafka when brokers are configured, else the
 * {@code dead_letters} table).
 * With {@code --cluster} the job runs on that Flink cluster: a file is followed to its end as above
 * (the file must be readable by the TaskManagers); a Kafka job (configured brokers only, dead letters to
 * Kafka) is left running there and the command returns its id; roll-ups then need a local
 * {@code run heatmap --source file:…} or a later issue's scheduler.
 */
final class HeatmapRunAction implements Action<RunJobRequest> {

    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    static final String EMBEDDED_KAFKA_ON_CLUSTER = "--cluster with --source kafka needs kafka.bootstrap-servers: "
            + "a Flink cluster cannot read the embedded broker of this command";

    @Override
    public int run(RunJobRequest request, ActionContext context) throws Exception {
        ThermoclineConfig config = context.config();
        if (request.cluster().isPresent() && request.source() instanceof JobSource.Kafka && config.kafka().embedded()) {
            throw new ConfigException(EMBEDDED_KAFKA_ON_CLUSTER);
        }
        JobTarget target = JobTarget.of(request.cluster());
        HeatmapDeployment deployment = HeatmapDeployment.of(config, context.clock());
        HeatmapJobOptions options = HeatmapJobOptions.from(config.heatmap());
        DeadLetterTarget deadLetters = DeadLetterTarget.of(config.heatmap().deadLetters(), !config.kafka().embedded());
        StreamExecutionEnvironment env = target.streaming(
                context.workingDirectory().resolve(".thermocline/checkpoints/heatmap"), CHECKPOINT_INTERVAL);
        String heatmap = config.namespace() + "." + ThermoclineTables.HEATMAP;

        if (request.source() instanceof JobSource.JsonLinesFile file) {
            if (deadLetters == DeadLetterTarget.KAFKA && config.kafka().embedded()) {
                throw new ConfigException("heatmap.dead-letters: 'kafka' needs kafka.bootstrap-servers for a file source "
                        + "(no embedded broker is started for it); use iceberg or auto");
            }
            HeatmapJob job = deployment.job(HeatmapDeployment.fileSource(file.path()), deployment.deadLetterOutput(deadLetters,
                    deadLetters == DeadLetterTarget.KAFKA ? config.kafka().settings(null) : null), options);
            job.build(env);
            say(context, "heatmap: reading " + file.path() + " into " + heatmap + target.where());
            JobExecutionResult result = env.execute(HeatmapJob.NAME);
            HeatmapRollupAction.Result rollUp = deployment.rollUp(options);
            context.out().println("heatmap: " + file.path() + " counted into " + heatmap + " (job " + result.getJobID()
                    + ")" + (rollUp.snapshotId() == null ? "" : "; rolled " + rollUp.cellsRemoved() + " cells up into "
                    + rollUp.cellsAdded()));
            context.out().flush();
            return ExitCode.OK;
        }
        if (target.isCluster()) {
            KafkaSettings kafka = config.kafka().settings(null);
            deployment.job(HeatmapDeployment.kafkaSource(kafka), deployment.deadLetterOutput(deadLetters, kafka),
                    options).build(env);
            say(context, "heatmap: submitting the job reading " + kafka.topics().access() + " from "
                    + kafka.bootstrapServers() + " into " + heatmap + target.where());
            context.out().println(target.submit(env, HeatmapJob.NAME).describe("heatmap"));
            context.out().flush();
            return ExitCode.OK;
        }
        EmbeddedKafka embedded = config.kafka().embedded() ? new EmbeddedKafka().start() : null;
        ScheduledExecutorService rollUps = Executors.newSingleThreadScheduledExecutor();
        try {
            KafkaSettings kafka = config.kafka().settings(embedded == null ? null : embedded.bootstrapServers());
            deployment.job(HeatmapDeployment.kafkaSource(kafka), deployment.deadLetterOutput(deadLetters, kafka), options)
                    .build(env);
            say(context, "heatmap: reading " + kafka.topics().access() + " from " + kafka.bootstrapServers()
                    + (embedded == null ? "" : " (embedded broker)") + " into " + heatmap + "; stop with Ctrl-C");
            JobClient client = env.executeAsync(HeatmapJob.NAME);
            Duration every = config.heatmap().rollupInterval();
            rollUps.scheduleWithFixedDelay(() -> rollUpQuietly(deployment, options, every, context), every.toMillis(),
                    every.toMillis(), TimeUnit.MILLISECONDS);
            client.getJobExecutionResult().get();
            return ExitCode.OK;
        } finally {
            rollUps.shutdownNow();
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** A failed roll-up is retried at the next interval; it must not stop the job. */
    private static void rollUpQuietly(HeatmapDeployment deployment, HeatmapJobOptions options, Duration every,
                                      ActionContext context) {
        try {
            HeatmapRollupAction.Result r = deployment.rollUp(options);
            if (r.snapshotId() != null) {
                say(context, "heatmap: rolled " + r.cellsRemoved() + " cells up into " + r.cellsAdded());
            }
        } catch (RuntimeException e) {
            say(context, "heatmap: roll-up failed, retrying in " + every + ": " + e.getMessage());
        }
    }

    private static void say(ActionContext context, String line) {
        context.err().println(line);
        context.err().flush();
    }

}
