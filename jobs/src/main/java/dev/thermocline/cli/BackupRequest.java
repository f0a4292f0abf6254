package dev.thermocline.cli;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code thermocline backup}: one backup run over the partitions that are due.
 *
 * @param table only this configured table, or empty for every configured table
 * @param cluster submit to this Flink cluster instead of running locally
 */
public record BackupRequest(Optional<String> table, Optional<ClusterAddress> cluster) implements ClusterRequest {

    public BackupRequest {
        Objects.requireNonNull(table, "table is required (empty for all tables).");
        Objects.requireNonNull(cluster, "cluster is required (empty to run locally).");
    }
}
