package dev.thermocline.core.restore;

import dev.thermocline.core.backup.BackupCopy;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a restore reads: its units (one per partition and as-of time), each with the copies it
 * starts from and the change-log partitions it replays.
 *
 * @param request what was asked
 * @param units the work, ordered by as-of time then key
 */
public record RestorePlan(RestoreRequest request, List<RestoreUnit> units) implements Serializable {

    public RestorePlan {
        Objects.requireNonNull(request, "request is required");
        units = List.copyOf(units);
    }

    /** Every copy the plan reads, each once, in plan order. */
    public Set<BackupCopy> baseCopies() {
        Set<BackupCopy> copies = new LinkedHashSet<>();
        for (RestoreUnit u : units) {
            for (RestoreSegment s : u.segments()) {
                if (s.base() != null) {
                    copies.add(s.base());
                }
            }
        }
        return copies;
    }

    /** The distinct as-of times, ascending. */
    public Set<Instant> asOfTimes() {
        Set<Instant> times = new TreeSet<>();
        units.forEach(u -> times.add(u.asOf()));
        return times;
    }

    public int segmentCount() {
        return units.stream().mapToInt(u -> u.segments().size()).sum();
    }
}
