package dev.thermocline.cli.cluster;

import dev.thermocline.cli.ClusterAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.RemoteStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where a command's Flink job runs: an in-process MiniCluster (the embedded default) or, with
 * {@code --cluster HOST:PORT}, a running Flink cluster reached through its REST API. On a cluster
 * the command still builds the job here (plans, creates tables, reads the partition maps), then
 * submits the job graph with the job bundle attached; the cluster's configuration decides the
 * state backend, checkpoint storage and restart strategy, and its {@code parallelism.default} the
 * parallelism.
 *
 * <p>When the command's {@code main} itself runs on a cluster (the Helm chart's application-mode
 * jobs, {@code flink run}), Flink hands it a context environment; "local" then means that
 * environment with the cluster's configuration untouched: the local defaults (checkpoints under
 * the working directory, no restarts) are only for a plain local JVM.
 */
public final class JobTarget {

    /** How long an unbounded job may take from submission to RUNNING before the command gives up waiting. */
    static final Duration RUNNING_TIMEOUT = Duration.ofMinutes(2);

    private static final String CHECKPOINTING_PREFIX = "execution.checkpointing.";
    private static final JobTarget LOCAL = new JobTarget(null, null);

    private final ClusterConnection cluster;
    private final Path bundle;

    JobTarget(ClusterConnection cluster, Path bundle) {
        this.cluster = cluster;
        this.bundle = bundle;
    }

    /** Local when {@code address} is empty; otherwise checks that the cluster answers and finds the bundle jar. */
    public static JobTarget of(Optional<ClusterAddress> address) {
        Objects.requireNonNull(address, "address is required (empty to run locally).");
        if (address.isEmpty()) {
            return LOCAL;
        }
        ClusterConnection cluster = ClusterConnection.connect(address.get());
        return new JobTarget(cluster, BundleJar.locate());
    }

    public boolean isCluster() {
        return cluster != null;
    }

    /** {@code ""} locally, {@code " on the Flink cluster at HOST:PORT"} otherwise: for progress lines. */
    public String where() {
        return cluster == null ? "" : " on the Flink cluster at " + cluster.address();
    }

    /**
     * For a streaming job whose Iceberg commits ride on checkpoints. Locally: RocksDB with
     * incremental checkpoints under {@code localCheckpoints} every {@code interval}. On a cluster:
     * its state backend, and its {@code execution.checkpointing.*} settings, with {@code interval}
     * only if it sets none (without checkpoints nothing would ever be committed).
     */
    public StreamExecutionEnvironment streaming(Path localCheckpoints, Duration interval) {
        Configuration conf = new Configuration();
        if (cluster == null) {
            StreamExecutionEnvironment context = InsideFlink.contextEnvironment();
            if (context != null) {
                // main runs on a cluster (application mode, flink run): its configuration decides, as on --cluster
                if (!context.getCheckpointConfig().isCheckpointingEnabled()) {
                    context.enableCheckpointing(interval.toMillis());
                }
                return context;
            }
            conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, localCheckpoints.toAbsolutePath().toUri().toString());
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
            return StreamExecutionEnvironment.getExecutionEnvironment(conf);
        }
        // A job graph carries its own checkpointing settings (the cluster's config.yaml applies only to
        // jobs whose main runs on the cluster), so the cluster's are copied in.
        cluster.settings(CHECKPOINTING_PREFIX).forEach(conf::setString);
        if (!conf.contains(CheckpointingOptions.CHECKPOINTING_INTERVAL)) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        }
        return remote(conf);
    }

    /**
     * For a bounded job that commits at its end (backup, restore) or a stateless one. Locally it
     * fails fast instead of retrying; on a cluster the cluster's restart strategy applies.
     */
    public StreamExecutionEnvironment bounded() {
        Configuration conf = new Configuration();
        if (cluster == null) {
            StreamExecutionEnvironment context = InsideFlink.contextEnvironment();
            if (context != null) {
                return context; // main runs on a cluster: its restart strategy applies
            }
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            return StreamExecutionEnvironment.getExecutionEnvironment(conf);
        }
        return remote(conf);
    }

    /** Like {@link #bounded()} but locally with Flink's defaults, for jobs that never configured anything. */
    public StreamExecutionEnvironment plain() {
        return cluster == null ? StreamExecutionEnvironment.getExecutionEnvironment() : remote(new Configuration());
    }

    private StreamExecutionEnvironment remote(Configuration conf) {
        StreamExecutionEnvironment env = new RemoteStreamEnvironment(cluster.address().host(), cluster.address().port(),
                conf, bundle.toString());
        env.setParallelism(cluster.defaultParallelism());
        return env;
    }

    /**
     * Submits an unbounded job to the cluster and returns once it runs, leaving it running there
     * after this command exits (stop it with Flink's REST API or web UI).
     *
     * @throws IllegalStateException if the job ends or fails before it runs, naming the job
     */
    public Submitted submit(StreamExecutionEnvironment env, String jobName) throws Exception {
        if (cluster == null) {
            throw new IllegalStateException("only a job for a cluster is submitted and left running; run locally with execute");
        }
        JobClient client = env.executeAsync(jobName);
        Instant deadline = Instant.now().plus(RUNNING_TIMEOUT);
        while (true) {
            JobStatus status = client.getJobStatus().get();
            if (status == JobStatus.RUNNING) {
                return new Submitted(client.getJobID().toHexString(), cluster.url());
            }
            if (status.isGloballyTerminalState()) {
                try {
                    client.getJobExecutionResult().get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("job " + jobName + " (" + client.getJobID() + ")" + where()
                            + " ended " + status + " right after submission", e.getCause());
                }
                throw new IllegalStateException("job " + jobName + " (" + client.getJobID() + ")" + where()
                        + " ended " + status + " right after submission");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("job " + jobName + " (" + client.getJobID() + ")" + where()
                        + " is still " + status + " after " + RUNNING_TIMEOUT.toSeconds() + " s; see " + cluster.url());
            }
            Thread.sleep(200);
        }
    }

    /**
     * An unbounded job left running on a cluster.
     *
     * @param jobId Flink's job id, hex
     * @param clusterUrl the cluster's REST root
     */
    public record Submitted(String jobId, String clusterUrl) {
        /** One line for the user: the job id and how to stop it. */
        public String describe(String job) {
            return job + ": job " + jobId + " is running on the Flink cluster at " + clusterUrl.replace("http://", "")
                    + "; stop it with: curl -X PATCH '" + clusterUrl + "/jobs/" + jobId + "?mode=cancel'";
        }
    }
}
