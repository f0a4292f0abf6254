package dev.thermocline.cli;

import dev.thermocline.core.restore.RestoreRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code thermocline restore}.
 *
 * @param restore what to restore, as of when (core's request, parsed with the table's key type)
 * @param target where the rows go
 * @param explain print the plan and its cost instead of reading any data
 * @param cluster submit to this Flink cluster instead of running locally
 */
public record RestoreCommandRequest(RestoreRequest restore, RestoreTarget target, boolean explain,
                                    Optional<ClusterAddress> cluster) implements ClusterRequest {

    public RestoreCommandRequest {
        Objects.requireNonNull(restore, "restore is required.");
        Objects.requireNonNull(target, "target is required.");
        Objects.requireNonNull(cluster, "cluster is required (empty to run locally).");
    }
}
