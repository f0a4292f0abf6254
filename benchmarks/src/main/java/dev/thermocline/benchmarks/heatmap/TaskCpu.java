package dev.thermocline.benchmarks.heatmap;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CPU time a run costs, measured two ways while it runs: the Flink task threads' own CPU time (the
 * threads Flink names {@code <task> (i/n)#attempt}, their split fetchers included; sampled every
 * 20 ms, so a thread's last few milliseconds may be missed) and the whole process's (which also holds
 * the in-process Kafka broker, the JobManager, JIT and GC). The first is "per core" of the job itself;
 * the second an upper bound. RocksDB's native background threads show only in the second.
 */
final class TaskCpu implements AutoCloseable {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, long[]> firstAndLast = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final long processCpuAtStart;
    private long processCpuAtEnd;

    private TaskCpu() {
        threads.setThreadCpuTimeEnabled(true);
        processCpuAtStart = os.getProcessCpuTime();
        sampler.scheduleAtFixedRate(this::sample, 0, 20, TimeUnit.MILLISECONDS);
    }

    static TaskCpu start() {
        return new TaskCpu();
    }

    private synchronized void sample() {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null || !info.getThreadName().matches(".*\\(\\d+/\\d+\\)#\\d+.*")) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                firstAndLast.computeIfAbsent(info.getThreadId(), id -> new long[] {0, 0})[1] = cpu;
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
    }

    /** Task threads' CPU seconds so far. */
    synchronized double taskSeconds() {
        return firstAndLast.values().stream().mapToLong(v -> v[1] - v[0]).sum() / 1e9;
    }

    /** The busiest task threads, e.g. {@code 3.2 s Source: access-log -> parse (1/1)#0}. */
    synchronized String busiest(int n) {
        StringBuilder sb = new StringBuilder();
        firstAndLast.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1] - b.getValue()[0], a.getValue()[1] - a.getValue()[0]))
                .limit(n)
                .forEach(e -> sb.append(String.format(java.util.Locale.ROOT, "%n    %6.2f s  %s",
                        (e.getValue()[1] - e.getValue()[0]) / 1e9, names.get(e.getKey()))));
        return sb.toString();
    }

    double processSeconds() {
        return ((processCpuAtEnd == 0 ? os.getProcessCpuTime() : processCpuAtEnd) - processCpuAtStart) / 1e9;
    }

    @Override
    public void close() {
        sample();
        sampler.shutdownNow();
        processCpuAtEnd = os.getProcessCpuTime();
    }

}
