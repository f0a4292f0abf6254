package dev.thermocline.cli;

import java.util.Optional;

/** A request that can run locally (embedded default) or be submitted to a Flink cluster ({@code --cluster}). */
public interface ClusterRequest {

    /** The cluster to submit to, or empty to run locally. */
    Optional<ClusterAddress> cluster();
}
