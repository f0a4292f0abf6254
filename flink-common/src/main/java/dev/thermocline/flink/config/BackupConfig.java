package dev.thermocline.flink.config;

import dev.thermocline.core.backup.DuePolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code backup.*} options: when a partition is due for a new copy, and how much history to keep.
 *
 * @param policy the due thresholds ({@code backup.due.*})
 * @param retention how far back a restore must stay possible; empty = keep all history
 */
public record BackupConfig(DuePolicy policy, Optional<Duration> retention) {

    public BackupConfig {
        Objects.requireNonNull(policy, "policy is required.");
        Objects.requireNonNull(retention, "retention is required (empty to keep all).");
    }

    public static BackupConfig defaults() {
        return new BackupConfig(DuePolicy.defaults(), Optional.empty());
    }
}
