package dev.thermocline.core.backup;

import dev.thermocline.core.partition.Partition;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One partition's new copy to build: its pieces, each from a previous copy (or none) plus changes.
 * A partition that kept its range has one piece (its own copy); a split child one (its parent's
 * copy, restricted); a merged union one per copy it replaces; keys no copy covered one without a base.
 *
 * @param partition the partition in the new layout
 * @param sources the pieces, disjoint, together covering the partition's range, in key order
 * @param reason why the partition is due
 */
public record CopyTask(Partition partition, List<CopySource> sources, DueReason reason) implements Serializable {

    public CopyTask {
        Objects.requireNonNull(partition, "partition is required");
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("copy task of " + partition + " has no sources");
        }
        Objects.requireNonNull(reason, "reason is required");
    }
}
