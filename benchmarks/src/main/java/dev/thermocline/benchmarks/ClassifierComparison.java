package dev.thermocline.benchmarks;

import dev.thermocline.core.repartition.HeatClassifier;
import dev.thermocline.core.repartition.HeatSettings;
import dev.thermocline.core.repartition.PlannerSettings;
import dev.thermocline.core.repartition.SplitRule;
import dev.thermocline.workload.WorkloadSpec;
import java.util.function.BiFunction;

/**
 * k-means against natural breaks (and the two split rules) on the same workloads: class flips
 * per 100 partition-intervals and separation on stationary loads (after 20 intervals to settle),
 * revisions once settled, and the downstream quality score on the moving hotspot.
 *
 * <p>Arguments (all optional): accesses (default 1 200 000), intervals (60), seeds ("1,2,3").
 */
public final class ClassifierComparison {

    private static final int SETTLE = 20;

    private ClassifierComparison() {}

    public static void main(String[] args) {
        long accesses = args.length > 0 ? Long.parseLong(args[0]) : 1_200_000;
        int intervals = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        long[] seeds = Workloads.seeds(args.length > 2 ? args[2] : "1,2,3");
        long target = (Workloads.DOMAIN_HIGH - Workloads.DOMAIN_LOW) / 64;
        System.out.printf("Classifier comparison: %,d accesses per workload, %d intervals, seeds %s; flips and "
                + "separation counted after %d intervals%n", accesses, intervals, java.util.Arrays.toString(seeds), SETTLE);
        System.out.printf("%-28s | %-34s | %-34s | %-40s%n", "", "stationary Zipf hotspot", "near-uniform",
                "moving Zipf hotspot");
        System.out.printf("%-28s | %8s %8s %16s | %8s %8s %16s | %9s %10s %8s %9s%n", "variant", "flips%", "separ.",
                "revs (settled)", "flips%", "separ.", "revs (settled)", "<=" + target, "wtd width", "parts", "revisions");
        for (HeatClassifier.Kind kind : HeatClassifier.Kind.values()) {
            for (SplitRule rule : SplitRule.values()) {
                PlannerSettings settings = PlannerSettings.builder().classifier(kind).splitRule(rule).build();
                Avg stationary = average(seeds, accesses, intervals, Workloads::stationaryHotspot, settings, target);
                Avg uniform = average(seeds, accesses, intervals, Workloads::nearUniform, settings, target);
                Avg moving = average(seeds, accesses, intervals, Workloads::movingHotspot, settings, target);
                System.out.printf("%-28s | %8.2f %8.3f %8.1f (%4.1f) | %8.2f %8.3f %8.1f (%4.1f) | %9.3f %10.0f %8.1f %9.1f%n",
                        kind + "/" + rule, stationary.flips, stationary.separation, stationary.revisions,
                        stationary.settledRevisions, uniform.flips, uniform.separation, uniform.revisions,
                        uniform.settledRevisions, moving.share, moving.width, moving.partitions, moving.revisions);
            }
        }
    }

    /** Means over seeds. */
    private static final class Avg {
        double flips;
        double separation;
        double revisions;
        double settledRevisions;
        double share;
        double width;
        double partitions;
    }

    private static Avg average(long[] seeds, long accesses, int intervals,
            BiFunction<Long, Long, WorkloadSpec> workload, PlannerSettings settings, long target) {
        Avg avg = new Avg();
        int separations = 0;
        for (long seed : seeds) {
            WorkloadSpec spec = workload.apply(seed, accesses);
            AccessLog log = AccessLog.of(spec, intervals);
            Replay.Result r = Replay.engine(log, Workloads.sixteenEqualRanges(spec), HeatSettings.defaults(), settings,
                    new long[] {target}, SETTLE);
            avg.flips += r.flipsPer100() / seeds.length;
            if (!Double.isNaN(r.meanSeparation())) {
                avg.separation += r.meanSeparation();
                separations++;
            }
            avg.revisions += (double) r.revisions() / seeds.length;
            avg.settledRevisions += (double) r.revisionsAfterSettling() / seeds.length;
            avg.share += r.score().shareInSmall(0) / seeds.length;
            avg.width += r.score().meanWidth() / seeds.length;
            avg.partitions += r.meanPartitions() / seeds.length;
        }
        avg.separation = separations == 0 ? Double.NaN : avg.separation / separations;
        return avg;
    }
}
