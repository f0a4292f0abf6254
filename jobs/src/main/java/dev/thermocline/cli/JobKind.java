package dev.thermocline.cli;

import java.util.Locale;

/** The streaming jobs {@code thermocline run} starts. */
public enum JobKind {
    /** Access log → per-window, per-partition heat ({@code heatmap} table). */
    HEATMAP,
    /** Heatmap → new partition-map revisions ({@code partition_map}, {@code split_requests}). */
    REPARTITION,
    /** Change events → the partition-aware change log ({@code changelog}). */
    CHANGELOG;

    /** The name on the command line: {@code heatmap}, {@code repartition}, {@code changelog}. */
    public String commandName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
