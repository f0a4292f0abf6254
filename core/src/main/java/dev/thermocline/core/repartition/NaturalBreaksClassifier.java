package dev.thermocline.core.repartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Jenks natural breaks on ln(1 + heat): the split of the sorted values into (up to) three
 * contiguous classes with the least total within-class squared deviation, found exactly by dynamic
 * programming in O(3·m²) over the m distinct values (equal heats always share a class). Classes
 * closer than a factor of two are joined ({@link ClassLabels}).
 */
public final class NaturalBreaksClassifier implements HeatClassifier {

    private static final int CLASSES = 3;

    @Override
    public Map<String, HeatClass> classify(List<PartitionFeatures> partitions) {
        TreeMap<Double, Integer> counts = new TreeMap<>();
        for (PartitionFeatures p : partitions) {
            counts.merge(p.logHeat(), 1, Integer::sum);
        }
        double[] values = counts.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[] weights = counts.values().stream().mapToDouble(Integer::doubleValue).toArray();
        int[] classOfValue = segment(values, weights, Math.min(CLASSES, values.length));
        Map<Double, Integer> groupOfValue = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            groupOfValue.put(values[i], classOfValue[i]);
        }
        int[] groupOf = new int[partitions.size()];
        for (int i = 0; i < groupOf.length; i++) {
            groupOf[i] = groupOfValue.get(partitions.get(i).logHeat());
        }
        return ClassLabels.label(partitions, groupOf);
    }

    /**
     * The class (0 = lowest) of each of the sorted {@code values}, minimizing the weighted
     * within-class sum of squares over contiguous classes; ties go to the earliest break.
     */
    static int[] segment(double[] values, double[] weights, int groups) {
        int m = values.length;
        int[] classes = new int[m];
        if (groups <= 1) {
            return classes;
        }
        double[] w = new double[m + 1];
        double[] s = new double[m + 1];
        double[] q = new double[m + 1];
        for (int i = 0; i < m; i++) {
            w[i + 1] = w[i] + weights[i];
            s[i + 1] = s[i] + weights[i] * values[i];
            q[i + 1] = q[i] + weights[i] * values[i] * values[i];
        }
        // cost[c][j]: best cost of values[0..j) in c+1 classes; start[c][j]: where its last class starts
        double[][] cost = new double[groups][m + 1];
        int[][] start = new int[groups][m + 1];
        for (int j = 1; j <= m; j++) {
            cost[0][j] = sse(w, s, q, 0, j);
        }
        for (int c = 1; c < groups; c++) {
            for (int j = c + 1; j <= m; j++) {
                double best = Double.POSITIVE_INFINITY;
                int bestStart = c;
                for (int a = c; a < j; a++) {
                    double candidate = cost[c - 1][a] + sse(w, s, q, a, j);
                    if (candidate < best - 1e-12) {
                        best = candidate;
                        bestStart = a;
                    }
                }
                cost[c][j] = best;
                start[c][j] = bestStart;
            }
        }
        int end = m;
        for (int c = groups - 1; c >= 0; c--) {
            int from = c == 0 ? 0 : start[c][end];
            for (int i = from; i < end; i++) {
                classes[i] = c;
            }
            end = from;
        }
        return classes;
    }

    /** Weighted sum of squared deviations of values[a..b) from their mean. */
    private static double sse(double[] w, double[] s, double[] q, int a, int b) {
        double weight = w[b] - w[a];
        double sum = s[b] - s[a];
        return Math.max(0, (q[b] - q[a]) - sum * sum / weight);
    }
}
