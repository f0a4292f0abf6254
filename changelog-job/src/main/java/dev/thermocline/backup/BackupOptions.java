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
 * @param forced tables whose every partition is copied whatever the due policy says ({@code --force})
 * @param policy when a partition that has a copy is due
 * @param requireCompleteLog true (always, in production): the cutoff must not pass the point
 *     through which the change log is complete; false only for a change log written without the
 *     changelog job, where the caller vouches for the cutoff
 */
public record BackupOptions(Set<String> tables, Optional<Instant> cutoff, Map<String, Set<String>> onDemand,
                            DuePolicy policy, boolean requireCompleteLog, Set<String> forced) {

    public BackupOptions {
        tables = Set.copyOf(tables);
        Objects.requireNonNull(cutoff, "cutoff is required (empty for the default).");
        onDemand = Map.copyOf(onDemand);
        Objects.requireNonNull(policy, "policy is required.");
        forced = Set.copyOf(forced);
    }

    public BackupOptions(Set<String> tables, Optional<Instant> cutoff, Map<String, Set<String>> onDemand,
                         DuePolicy policy, boolean requireCompleteLog) {
        this(tables, cutoff, onDemand, policy, requireCompleteLog, Set.of());
    }

    /** Every table, the default cutoff, the default policy. */
    public static BackupOptions defaults() {
        return new BackupOptions(Set.of(), Optional.empty(), Map.of(), DuePolicy.defaults(), true, Set.of());
    }

    /** Every partition of {@code table} is copied in this run, due or not. */
    public BackupOptions withForced(String table) {
        Set<String> next = new java.util.HashSet<>(forced);
        next.add(table);
        return new BackupOptions(tables, cutoff, onDemand, policy, requireCompleteLog, next);
    }

    public BackupOptions withTables(Set<String> names) {
        return new BackupOptions(names, cutoff, onDemand, policy, requireCompleteLog, forced);
    }

    public BackupOptions withCutoff(Instant at) {
        return new BackupOptions(tables, Optional.of(at), onDemand, policy, requireCompleteLog, forced);
    }

    public BackupOptions withPolicy(DuePolicy duePolicy) {
        return new BackupOptions(tables, cutoff, onDemand, duePolicy, requireCompleteLog, forced);
    }

    public BackupOptions withOnDemand(String table, Set<String> partitions) {
        Map<String, Set<String>> next = new java.util.HashMap<>(onDemand);
        next.put(table, Set.copyOf(partitions));
        return new BackupOptions(tables, cutoff, next, policy, requireCompleteLog, forced);
    }
}
