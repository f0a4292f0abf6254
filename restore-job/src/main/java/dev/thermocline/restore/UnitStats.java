package dev.thermocline.restore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicLong;

/** What one unit read and did, counted as it goes (one worker thread per unit). */
final class UnitStats {
    final AtomicLong baseBytes = new AtomicLong();
    final AtomicLong changeBytes = new AtomicLong();
    long baseFiles;
    long changeFiles;
    long baseRowsRead;
    long changesRead;
    long changesReplayed;
    long rowsWritten;
    long baseNanos;
    long replayNanos;
    long baseCpuNanos;
    long replayCpuNanos;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** This thread's CPU time, so throughput per core is measurable on a busy machine; 0 where unsupported. */
    static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    UnitReport report(int unit, boolean done, String output, long elapsedNanos) {
        UnitReport r = new UnitReport();
        r.unit = unit;
        r.done = done;
        r.output = output;
        r.baseBytes = baseBytes.get();
        r.changeBytes = changeBytes.get();
        r.baseFiles = baseFiles;
        r.changeFiles = changeFiles;
        r.baseRowsRead = baseRowsRead;
        r.changesRead = changesRead;
        r.changesReplayed = changesReplayed;
        r.rows = rowsWritten;
        r.baseNanos = baseNanos;
        r.replayNanos = replayNanos;
        r.baseCpuNanos = baseCpuNanos;
        r.replayCpuNanos = replayCpuNanos;
        r.elapsedNanos = elapsedNanos;
        return r;
    }
}
