package dev.thermocline.core.backup;

import dev.thermocline.core.partition.PartitionMap;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One table's part of a backup run: the copies to build, the copies kept as they are, and which
 * partitions' old files the commit replaces.
 *
 * @param layout the partition map the new copies are laid out by (the one in force at the cutoff)
 * @param cutoff every new copy holds exactly the changes with ts at or before it
 * @param tasks the copies to build
 * @param carried previous copies kept unchanged (same files, same cutoff)
 * @param replaced partition ids whose previous files the commit removes: the tasks' ids and the
 *     ids that left the layout
 */
public record BackupPlan(PartitionMap layout, Instant cutoff, List<CopyTask> tasks, List<BackupCopy> carried,
                         Set<String> replaced) implements Serializable {

    public BackupPlan {
        Objects.requireNonNull(layout, "layout is required");
        Objects.requireNonNull(cutoff, "cutoff is required");
        tasks = List.copyOf(tasks);
        carried = List.copyOf(carried);
        replaced = Set.copyOf(new LinkedHashSet<>(replaced));
    }

    public String tableName() {
        return layout.tableName();
    }

    /** Nothing to build and nothing to remove: the run can skip this table. */
    public boolean isEmpty() {
        return tasks.isEmpty() && replaced.isEmpty();
    }
}
