package dev.thermocline.core.restore;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.reconstruct.ChangeApplier;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Keys of one restore unit that share a base: the newest backup copy with a cutoff at or before the
 * unit's as-of time that covers them (or none: replay the change log from its beginning), plus the
 * change-log partitions their changes may have been tagged with.
 *
 * @param keys the keys to reconstruct
 * @param base the copy to start from; null when no copy covers these keys by the as-of time
 * @param changelogPartitions every partition id under which a change of these keys can have been
 *     captured (each revision's partitions that overlap them), for the pushed-down change-log scan
 */
public record RestoreSegment(KeySpans keys, BackupCopy base, SortedSet<String> changelogPartitions)
        implements Serializable {

    public RestoreSegment {
        Objects.requireNonNull(keys, "segment keys are required");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a restore segment needs at least one key");
        }
        changelogPartitions = new TreeSet<>(Objects.requireNonNull(changelogPartitions, "changelog partitions are required"));
    }

    public static RestoreSegment of(KeySpans keys, BackupCopy base, Set<String> changelogPartitions) {
        return new RestoreSegment(keys, base, new TreeSet<>(changelogPartitions));
    }

    /** Changes strictly after this instant are replayed: the base's cutoff, or null (all) without a base. */
    public Instant replayAfter() {
        return base == null ? null : base.cutoffTs();
    }

    /** The engine configured for this segment as of {@code asOf}: window (cutoff, asOf], these keys only. */
    public ChangeApplier applier(Instant asOf) {
        return ChangeApplier.builder().after(replayAfter()).upTo(asOf).keysMatching(keys::contains).build();
    }

    @Override
    public String toString() {
        return keys + " from " + (base == null ? "the change log's start"
                : base.partitionKey() + "'s copy at " + base.cutoffTs()) + " via changelog " + changelogPartitions;
    }
}
