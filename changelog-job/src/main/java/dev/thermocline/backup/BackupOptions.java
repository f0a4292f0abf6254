package dev.thermocline.backup;

import dev.thermocline.core.backup.DuePolicy;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one backup run does.
 *
 * @param tables the tables to back up; empty = every configured table
 * @param cutoff an explicit cutoff (e.g. {@code --cutoff}); empty = as far as the change log is complete
 * @param onDemand per table, partition ids to copy whatever the due policy says
 * @param policy when a partition that has a copy is due
 * @param requireCompleteLog true (always, in production): the cutoff must not pass the point
 *     through which the change log is complete; false only for a change log written without the
 *     changelog job, where the caller vouches for the cutoff
 */
public record BackupOptions(Set<String> tables, Optional<Instant> cutoff, Map<String, Set<String>> onDemand,
                            DuePolicy policy, boolean requireCompleteLog) {

    public BackupOptions {
        tables = Set.copyOf(tables);
        Objects.requireNonNull(cutoff, "cutoff is required (empty for the default).");
        onDemand = Map.copyOf(onDemand);
        Objects.requireNonNull(policy, "policy is required.");
    }

    /** Every table, the default cutoff, the default policy. */
    public static BackupOptions defaults() {
        return new BackupOptions(Set.of(), Optional.empty(), Map.of(), DuePolicy.defaults(), true);
    }

    public BackupOptions withTables(Set<String> names) {
        return new BackupOptions(names, cutoff, onDemand, policy, requireCompleteLog);
    }

    public BackupOptions withCutoff(Instant at) {
        return new BackupOptions(tables, Optional.of(at), onDemand, policy, requireCompleteLog);
    }

    public BackupOptions withPolicy(DuePolicy duePolicy) {
        return new BackupOptions(tables, cutoff, onDemand, duePolicy, requireCompleteLog);
    }

    public BackupOptions withOnDemand(String table, Set<String> partitions) {
        Map<String, Set<String>> next = new java.util.HashMap<>(onDemand);
        next.put(table, Set.copyOf(partitions));
        return new BackupOptions(tables, cutoff, next, policy, requireCompleteLog);
    }
}
