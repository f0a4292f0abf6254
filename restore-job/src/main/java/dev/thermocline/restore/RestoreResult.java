package dev.thermocline.restore;

import dev.thermocline.core.restore.ReadEstimate;
import java.time.Duration;
import java.util.List;

/**
 * What a finished restore did, next to what was predicted.
 *
 * @param target where the rows went
 * @param rows rows restored
 * @param units the units' final reports, in unit order
 * @param plannedBase base files, bytes and rows the plan expected to read
 * @param plannedChanges change-log files, bytes and changes the plan expected to read
 * @param predicted the cost model's wall time
 * @param actual measured wall time, planning excluded
 */
public record RestoreResult(String target, long rows, List<UnitReport> units, ReadEstimate plannedBase,
                            ReadEstimate plannedChanges, Duration predicted, Duration actual) {

    public long baseBytesRead() {
        return units.stream().mapToLong(u -> u.baseBytes).sum();
    }

    public long changeBytesRead() {
        return units.stream().mapToLong(u -> u.changeBytes).sum();
    }

    public long bytesRead() {
        return baseBytesRead() + changeBytesRead();
    }

    public long changesReplayed() {
        return units.stream().mapToLong(u -> u.changesReplayed).sum();
    }

    /** Base bytes per second of base-reading time, per slot (0 when no base was read). */
    public double baseRate() {
        long nanos = units.stream().mapToLong(u -> u.baseNanos).sum();
        return nanos == 0 ? 0 : baseBytesRead() / (nanos / 1e9);
    }

    /** Change-log bytes per second of replay time, per slot (0 when no change was read). */
    public double changeRate() {
        long nanos = units.stream().mapToLong(u -> u.replayNanos).sum();
        return nanos == 0 || changeBytesRead() == 0 ? 0 : changeBytesRead() / (nanos / 1e9);
    }

    /** Base bytes per CPU second: base-read throughput per core. */
    public double baseCpuRate() {
        long nanos = units.stream().mapToLong(u -> u.baseCpuNanos).sum();
        return nanos == 0 ? 0 : baseBytesRead() / (nanos / 1e9);
    }

    /** Change-log bytes per CPU second of replay: change-replay throughput per core. */
    public double changeCpuRate() {
        long nanos = units.stream().mapToLong(u -> u.replayCpuNanos).sum();
        return nanos == 0 || changeBytesRead() == 0 ? 0 : changeBytesRead() / (nanos / 1e9);
    }

    /** The lines the command prints after a run: what was written, predicted versus actual. */
    public String describe() {
        long plannedBytes = plannedBase.bytes() + plannedChanges.bytes();
        return String.format("restored %,d rows into %s%n"
                        + "  read      predicted %s in %d files, actual %s (base %s, change log %s; %,d changes replayed)%n"
                        + "  duration  predicted %s, actual %s%n",
                rows, target, Sizes.bytes(plannedBytes), plannedBase.files() + plannedChanges.files(),
                Sizes.bytes(bytesRead()), Sizes.bytes(baseBytesRead()), Sizes.bytes(changeBytesRead()), changesReplayed(),
                Sizes.duration(predicted), Sizes.duration(actual));
    }
}
