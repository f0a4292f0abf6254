package dev.thermocline.cli;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code thermocline backup}: one backup run over the partitions that are due.
 *
 * @param table only this configured table, or empty for every configured table
 * @param cluster submit to this Flink cluster instead of running locally
 * @param force copy every partition of the selected tables, due or not (on demand)
 * @param partitions copy these partitions of {@code table}, due or not (on demand); needs a table
 */
public record BackupRequest(Optional<String> table, Optional<ClusterAddress> cluster, boolean force,
                            List<String> partitions) implements ClusterRequest {

    public BackupRequest {
        Objects.requireNonNull(table, "table is required (empty for all tables).");
        Objects.requireNonNull(cluster, "cluster is required (empty to run locally).");
        partitions = List.copyOf(partitions);
        if (!partitions.isEmpty() && table.isEmpty()) {
            throw new IllegalArgumentException("--partition " + String.join(",", partitions)
                    + " needs --table: partition ids belong to one table");
        }
    }

    /** The due partitions only. */
    public BackupRequest(Optional<String> table, Optional<ClusterAddress> cluster) {
        this(table, cluster, false, List.of());
    }
}
