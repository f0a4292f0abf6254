package dev.thermocline.restore;

import java.time.Duration;

/** Where a running restore reports how far it is; the command line draws it for a person at a terminal. */
@FunctionalInterface
public interface RestoreProgress {

    RestoreProgress NONE = p -> {};

    void update(Snapshot progress);

    /**
     * @param unitsDone units finished
     * @param units units planned (one per partition and as-of time)
     * @param rows rows restored so far
     * @param bytesRead bytes read so far
     * @param plannedBytes bytes the plan reads in all
     * @param elapsed since the job was submitted
     */
    record Snapshot(int unitsDone, int units, long rows, long bytesRead, long plannedBytes, Duration elapsed) {

        /** Bytes per second so far. */
        public double rate() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds <= 0 ? 0 : bytesRead / seconds;
        }

        /** Remaining planned bytes at the rate so far; null before there is a rate. */
        public Duration eta() {
            double rate = rate();
            if (rate <= 0) {
                return null;
            }
            return Duration.ofMillis(Math.round(Math.max(0, plannedBytes - bytesRead) / rate * 1000));
        }
    }
}
