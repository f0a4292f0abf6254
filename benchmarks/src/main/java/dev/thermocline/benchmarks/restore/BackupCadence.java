package dev.thermocline.benchmarks.restore;

import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which partitions a backup run copies, as the backup job's due policy decides (DESIGN.md: change
 * volume or age past a threshold; a partition without a copy — new layout — is due at once).
 * Counts changes per 500-key bucket, so a partition's changes since its copy are a range sum.
 */
final class BackupCadence {

    static final long BUCKET = 500;

    private final long[] changes;
    private final long volume;
    private final Duration maxAge;
    /** Per copy (partition id + cutoff), the range's change count when it was taken. */
    private final Map<String, Long> countAtCopy = new HashMap<>();

    BackupCadence(long domain, long volume, Duration maxAge) {
        this.changes = new long[(int) (domain / BUCKET) + 1];
        this.volume = volume;
        this.maxAge = maxAge;
    }

    void count(long key) {
        changes[(int) Math.min(changes.length - 1, Math.max(0, key / BUCKET))]++;
    }

    List<Partition> due(PartitionMap layout, List<BackupCopy> present, Instant cutoff) {
        List<Partition> due = new ArrayList<>();
        for (Partition p : layout.partitions()) {
            BackupCopy copy = present.stream().filter(c -> c.partitionKey().equals(p.partitionKey())
                    && c.range().equals(p.range())).findFirst().orElse(null);
            if (copy == null || sum(p) - countAtCopy.getOrDefault(id(copy), 0L) >= volume
                    || Duration.between(copy.cutoffTs(), cutoff).compareTo(maxAge) >= 0) {
                due.add(p);
            }
        }
        return due;
    }

    void copied(List<Partition> partitions, List<BackupCopy> present) {
        for (Partition p : partitions) {
            present.stream().filter(c -> c.partitionKey().equals(p.partitionKey())).findFirst()
                    .ifPresent(c -> countAtCopy.put(id(c), sum(p)));
        }
    }

    private long sum(Partition p) {
        int from = p.range().start() == null ? 0 : (int) (((LongKey) p.range().start()).value() / BUCKET);
        int to = p.range().end() == null ? changes.length : (int) (((LongKey) p.range().end()).value() / BUCKET);
        long s = 0;
        for (int b = from; b < Math.min(to, changes.length); b++) {
            s += changes[b];
        }
        return s;
    }

    private static String id(BackupCopy c) {
        return c.partitionKey() + "@" + c.cutoffTs();
    }
}
