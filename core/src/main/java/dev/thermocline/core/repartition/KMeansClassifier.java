package dev.thermocline.core.repartition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * k-means (k = 3, Lloyd's algorithm) on two standardized features, log heat and log density
 * (heat per key). Seeded deterministically at the partitions with the lowest, median and highest
 * log heat; clusters are labelled cold / warm / hot by their mean log heat, and clusters closer
 * than a factor of two in heat are joined ({@link ClassLabels}).
 */
public final class KMeansClassifier implements HeatClassifier {

    private static final int K = 3;
    private static final int MAX_ITERATIONS = 100;

    @Override
    public Map<String, HeatClass> classify(List<PartitionFeatures> partitions) {
        int n = partitions.size();
        if (n == 0) {
            return Map.of();
        }
        double[][] points = standardized(partitions);
        List<Integer> byHeat = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byHeat.add(i);
        }
        byHeat.sort(Comparator.comparingDouble((Integer i) -> points[i][0]).thenComparingInt(i -> i));
        int[] seeds = {byHeat.get(0), byHeat.get(n / 2), byHeat.get(n - 1)};
        List<double[]> centroids = new ArrayList<>();
        for (int seed : seeds) {
            if (centroids.stream().noneMatch(c -> sameVector(c, points[seed]))) {
                centroids.add(points[seed].clone());
            }
        }
        int[] assignment = new int[n];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            boolean changed = assign(points, centroids, assignment) || iteration == 0;
            recompute(points, centroids, assignment);
            if (!changed) {
                break;
            }
        }
        return ClassLabels.label(partitions, assignment);
    }

    /** Each feature as a z-score (a constant feature becomes 0), so neither dominates by scale. */
    private static double[][] standardized(List<PartitionFeatures> partitions) {
        int n = partitions.size();
        double[][] raw = new double[n][2];
        for (int i = 0; i < n; i++) {
            raw[i][0] = partitions.get(i).logHeat();
            raw[i][1] = partitions.get(i).logDensity();
        }
        for (int f = 0; f < 2; f++) {
            double mean = 0;
            for (double[] p : raw) {
                mean += p[f];
            }
            mean /= n;
            double var = 0;
            for (double[] p : raw) {
                var += (p[f] - mean) * (p[f] - mean);
            }
            double sd = Math.sqrt(var / n);
            for (double[] p : raw) {
                p[f] = sd > 1e-12 ? (p[f] - mean) / sd : 0;
            }
        }
        return raw;
    }

    /** Nearest centroid (ties to the lower index); true when any assignment changed. */
    private static boolean assign(double[][] points, List<double[]> centroids, int[] assignment) {
        boolean changed = false;
        for (int i = 0; i < points.length; i++) {
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centroids.size(); c++) {
                double d = distance(points[i], centroids.get(c));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            if (assignment[i] != best) {
                assignment[i] = best;
                changed = true;
            }
        }
        return changed;
    }

    /** Centroids move to their members' mean; an empty cluster keeps its centroid. */
    private static void recompute(double[][] points, List<double[]> centroids, int[] assignment) {
        for (int c = 0; c < centroids.size(); c++) {
            double[] sum = new double[2];
            int count = 0;
            for (int i = 0; i < points.length; i++) {
                if (assignment[i] == c) {
                    sum[0] += points[i][0];
                    sum[1] += points[i][1];
                    count++;
                }
            }
            if (count > 0) {
                centroids.set(c, new double[] {sum[0] / count, sum[1] / count});
            }
        }
    }

    private static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        return dx * dx + dy * dy;
    }

    private static boolean sameVector(double[] a, double[] b) {
        return a[0] == b[0] && a[1] == b[1];
    }
}
