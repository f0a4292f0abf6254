package dev.thermocline.core.restore;

import dev.thermocline.core.partition.Partition;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One unit of restore parallelism: the requested keys of one partition of the map in force at the
 * as-of time, split into segments where different backup copies are the best base.
 *
 * @param index position in the plan (units are ordered by as-of time, then key)
 * @param asOf every change with ts at or before it counts
 * @param mapRevision the partition-map revision in force at {@code asOf}
 * @param partition the partition of that revision
 * @param keys the requested keys inside the partition
 * @param segments the keys by base copy, in key order; together exactly {@code keys}
 */
public record RestoreUnit(int index, Instant asOf, long mapRevision, Partition partition, KeySpans keys,
                          List<RestoreSegment> segments) implements Serializable {

    public RestoreUnit {
        Objects.requireNonNull(asOf, "unit as-of is required");
        Objects.requireNonNull(partition, "unit partition is required");
        Objects.requireNonNull(keys, "unit keys are required");
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("restore unit " + index + " (" + partition + ") has no segments");
        }
    }

    @Override
    public String toString() {
        return "unit " + index + ": " + partition + " keys " + keys + " as of " + asOf + " " + segments;
    }
}
