package dev.thermocline.heatmap;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where injected failures strike, shared by the operators of one test run (the MiniCluster runs in
 * the test's JVM). Each injection point has a list of thresholds: in the attempt after the i-th
 * failure of that point, it throws once it has seen {@code thresholds[i]} records <em>and</em> two
 * checkpoints have completed in that attempt, so every crash lands after commits it could
 * duplicate. Points fail independently; {@link #failuresThrown} proves the failures happened.
 */
final class FailurePlan {

    private static final Map<String, FailurePlan> PLANS = new ConcurrentHashMap<>();

    private final Map<String, List<Long>> thresholds;
    private final Map<String, AtomicInteger> thrown = new ConcurrentHashMap<>();

    private FailurePlan(Map<String, List<Long>> thresholds) {
        this.thresholds = Map.copyOf(thresholds);
    }

    static FailurePlan register(String name, Map<String, List<Long>> thresholds) {
        FailurePlan plan = new FailurePlan(thresholds);
        PLANS.put(name, plan);
        return plan;
    }

    static FailurePlan named(String name) {
        FailurePlan plan = PLANS.get(name);
        if (plan == null) {
            throw new IllegalStateException("no failure plan named " + name);
        }
        return plan;
    }

    @Override
    public String toString() {
        return "FailurePlan[fail after " + thresholds + " records, thrown " + thrown + "]";
    }

    int failuresThrown() {
        return thrown.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** A fresh count for one attempt of the operator at {@code where}. */
    Countdown countdown(String where) {
        return new Countdown(where);
    }

    final class Countdown {
        private static final int CHECKPOINTS_BEFORE_FAILING = 2;

        private final String where;
        private long seen;
        private volatile int checkpoints;

        private Countdown(String where) {
            this.where = where;
        }

        void checkpointCompleted() {
            checkpoints++;
        }

        void tick() {
            seen++;
            if (checkpoints < CHECKPOINTS_BEFORE_FAILING) {
                return;
            }
            List<Long> points = thresholds.getOrDefault(where, List.of());
            AtomicInteger failed = thrown.computeIfAbsent(where, w -> new AtomicInteger());
            int next = failed.get();
            if (next < points.size() && seen >= points.get(next)) {
                failed.incrementAndGet();
                throw new IllegalStateException("injected failure #" + (next + 1) + " in " + where + " after "
                        + seen + " records and " + checkpoints + " checkpoints");
            }
        }
    }
}
