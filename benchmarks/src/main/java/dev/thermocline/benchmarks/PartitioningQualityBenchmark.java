package dev.thermocline.benchmarks;

import dev.thermocline.core.repartition.HeatSettings;
import dev.thermocline.core.repartition.PlannerSettings;
import dev.thermocline.workload.WorkloadSpec;

/**
 * Issue #5's quality score: for a Zipf access log with a moving hotspot, the share of accesses that
 * fall in partitions no wider than a target, for the engine (default settings, starting from 16
 * equal ranges) versus static 16 equal ranges. Also prints the access-weighted mean partition
 * width, which has a finite ratio even where the static layout scores 0, and the engine with
 * thresholds for 32 partitions (split above 1/16, merge below 1/64) to show the main knob.
 *
 * <p>Arguments (all optional): accesses (default 1 200 000), intervals (60), seeds ("1,2,3").
 */
public final class PartitioningQualityBenchmark {

    private PartitioningQualityBenchmark() {}

    public static void main(String[] args) {
        long accesses = args.length > 0 ? Long.parseLong(args[0]) : 1_200_000;
        int intervals = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        long[] seeds = Workloads.seeds(args.length > 2 ? args[2] : "1,2,3");
        long domain = Workloads.DOMAIN_HIGH - Workloads.DOMAIN_LOW;
        long[] targets = {domain / 16, domain / 64, domain / 256};

        System.out.printf("Partitioning quality: Zipf(1.1) accesses around a hotspot at key 200000 that moves to 700000 "
                + "halfway; %,d accesses in %d intervals; keys [0, %d); seeds %s%n", accesses, intervals, domain,
                java.util.Arrays.toString(seeds));
        System.out.printf("%-34s %30s %14s %12s %10s%n", "layout", "accesses in partitions <= keys:", "access-wtd",
                "partitions", "revisions");
        System.out.printf("%-34s %9d %9d %9d %14s %12s %10s%n", "", targets[0], targets[1], targets[2], "mean width",
                "mean/final", "");
        double[] staticShare = new double[3];
        double[] dynamicShare = new double[3];
        double staticWidth = 0;
        double dynamicWidth = 0;
        for (long seed : seeds) {
            WorkloadSpec spec = Workloads.movingHotspot(seed, accesses);
            AccessLog log = AccessLog.of(spec, intervals);
            Replay.Result fixed = Replay.fixed(log, Workloads.sixteenEqualRanges(spec), targets);
            Replay.Result engine = Replay.engine(log, Workloads.sixteenEqualRanges(spec), HeatSettings.defaults(),
                    PlannerSettings.defaults(), targets, 0);
            Replay.Result engine32 = Replay.engine(log, Workloads.sixteenEqualRanges(spec), HeatSettings.defaults(),
                    PlannerSettings.builder().targetPartitions(32).build(), targets, 0);
            print("static 16 equal ranges, seed " + seed, fixed);
            print("engine (defaults), seed " + seed, engine);
            print("engine (targetPartitions 32), s" + seed, engine32);
            for (int i = 0; i < 3; i++) {
                staticShare[i] += fixed.score().shareInSmall(i) / seeds.length;
                dynamicShare[i] += engine.score().shareInSmall(i) / seeds.length;
            }
            staticWidth += fixed.score().meanWidth() / seeds.length;
            dynamicWidth += engine.score().meanWidth() / seeds.length;
        }
        System.out.printf("%nmean over seeds          share <= %d keys: static %.3f, engine %.3f (ratio %s)%n", targets[1],
                staticShare[1], dynamicShare[1], ratio(dynamicShare[1], staticShare[1]));
        System.out.printf("                         share <= %d keys: static %.3f, engine %.3f (ratio %s)%n", targets[2],
                staticShare[2], dynamicShare[2], ratio(dynamicShare[2], staticShare[2]));
        System.out.printf("                         share <= %d keys: static %.3f, engine %.3f (ratio %s)%n", targets[0],
                staticShare[0], dynamicShare[0], ratio(dynamicShare[0], staticShare[0]));
        System.out.printf("                         access-weighted mean width: static %.0f, engine %.0f keys "
                + "(static/engine = %.1fx)%n", staticWidth, dynamicWidth, staticWidth / dynamicWidth);
    }

    static void print(String label, Replay.Result r) {
        System.out.printf("%-34s %9.3f %9.3f %9.3f %14.0f %7.1f/%-4d %10d%n", label, r.score().shareInSmall(0),
                r.score().shareInSmall(1), r.score().shareInSmall(2), r.score().meanWidth(), r.meanPartitions(),
                r.finalPartitions(), r.revisions());
    }

    private static String ratio(double a, double b) {
        return b == 0 ? (a == 0 ? "n/a" : "inf: static scores 0") : String.format("%.1fx", a / b);
    }
}
