package dev.thermocline.core.restore;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Predicts a restore's wall time from what it reads: per unit, base bytes at the base-read rate,
 * change bytes at the replay rate and a fixed cost per file; units run on {@code parallelism}
 * slots, scheduled longest first onto the least-loaded slot (the same assignment the job uses);
 * plus a fixed start-up cost. Rates are per slot and are calibrated from measured runs
 * ({@link #calibrated(double, double, double)}).
 *
 * @param baseBytesPerSecond backup bytes read and decoded per second per slot
 * @param changeBytesPerSecond change-log bytes read, decoded and applied per second per slot
 * @param secondsPerFile opening a data file (footer, first request)
 * @param startupSeconds job submission and scheduling, output commit
 */
public record CostModel(double baseBytesPerSecond, double changeBytesPerSecond, double secondsPerFile,
                        double startupSeconds) implements Serializable {

    /** Measured on the reference machine (BENCHMARKS.md); a calibrated model replaces it after a run. */
    public static final CostModel DEFAULT = new CostModel(40e6, 12e6, 0.004, 1.5);

    /** How much one run moves the rates: smooths noisy measurements while still following a new machine. */
    private static final double LEARNING_RATE = 0.5;

    public CostModel {
        if (!(baseBytesPerSecond > 0) || !(changeBytesPerSecond > 0) || secondsPerFile < 0 || startupSeconds < 0) {
            throw new IllegalArgumentException("cost model rates must be positive: base " + baseBytesPerSecond
                    + " B/s, changes " + changeBytesPerSecond + " B/s, " + secondsPerFile + " s/file, startup "
                    + startupSeconds + " s");
        }
    }

    /** One unit's time on one slot. */
    public double unitSeconds(UnitEstimate u) {
        return u.base().bytes() / baseBytesPerSecond + u.changes().bytes() / changeBytesPerSecond
                + (u.base().files() + u.changes().files()) * secondsPerFile;
    }

    /** The slot of each unit: longest first onto the least-loaded of {@code min(parallelism, units)} slots. */
    public int[] assign(List<UnitEstimate> units, int parallelism) {
        int slots = slots(units, parallelism);
        int[] slotOf = new int[units.size()];
        double[] load = new double[slots];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> unitSeconds(units.get(i))).reversed()
                .thenComparing(i -> i));
        for (int i : order) {
            int least = 0;
            for (int s = 1; s < slots; s++) {
                if (load[s] < load[least]) {
                    least = s;
                }
            }
            slotOf[i] = least;
            load[least] += unitSeconds(units.get(i));
        }
        return slotOf;
    }

    /** The slots a restore of {@code units} uses: one per unit, at most {@code parallelism}, at least one. */
    public static int slots(List<UnitEstimate> units, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        return Math.max(1, Math.min(parallelism, units.size()));
    }

    /** Start-up plus the busiest slot's work. */
    public Duration predict(List<UnitEstimate> units, int parallelism) {
        int[] slotOf = assign(units, parallelism);
        double[] load = new double[slots(units, parallelism)];
        for (int i = 0; i < units.size(); i++) {
            load[slotOf[i]] += unitSeconds(units.get(i));
        }
        double busiest = 0;
        for (double l : load) {
            busiest = Math.max(busiest, l);
        }
        return Duration.ofNanos(Math.round((startupSeconds + busiest) * 1e9));
    }

    /**
     * This model moved towards rates measured in a run: {@code baseRate} and {@code changeRate} in
     * bytes per second per slot (ignored when not positive, e.g. a run that read no base), and the
     * measured start-up seconds.
     */
    public CostModel calibrated(double baseRate, double changeRate, double measuredStartupSeconds) {
        return new CostModel(
                baseRate > 0 ? blend(baseBytesPerSecond, baseRate) : baseBytesPerSecond,
                changeRate > 0 ? blend(changeBytesPerSecond, changeRate) : changeBytesPerSecond,
                secondsPerFile,
                measuredStartupSeconds >= 0 ? blend(startupSeconds, measuredStartupSeconds) : startupSeconds);
    }

    private static double blend(double old, double measured) {
        return old + LEARNING_RATE * (measured - old);
    }
}
