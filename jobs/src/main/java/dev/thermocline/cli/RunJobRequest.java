package dev.thermocline.cli;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code thermocline run heatmap|repartition|changelog}.
 *
 * @param job which streaming job
 * @param source where it reads: Kafka, or a JSON-lines file (bounded)
 * @param once repartition only: one planning round over the heatmap present, then stop
 * @param cluster submit to this Flink cluster instead of running locally
 */
public record RunJobRequest(JobKind job, JobSource source, boolean once, Optional<ClusterAddress> cluster)
        implements ClusterRequest {

    public RunJobRequest {
        Objects.requireNonNull(job, "job is required.");
        Objects.requireNonNull(source, "source is required.");
        Objects.requireNonNull(cluster, "cluster is required (empty to run locally).");
        if (once && job != JobKind.REPARTITION) {
            throw new IllegalArgumentException("--once applies to run repartition only, not run " + job.commandName());
        }
    }
}
