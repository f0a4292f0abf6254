package dev.thermocline.core.repartition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a classifier's groups into cold / warm / hot. Groups are ordered by their mean log heat,
 * and neighbouring groups whose mean heats differ by less than {@link #MIN_CLASS_RATIO} are one
 * class: a fixed number of clusters always finds "classes" in noise (16 equally loaded partitions
 * would be cut into three arbitrary groups every interval), and heat within a factor of two is
 * not a difference worth acting on.
 */
final class ClassLabels {

    /** Neighbouring classes differ by at least this factor in mean heat. */
    static final double MIN_CLASS_RATIO = 2.0;

    private ClassLabels() {}

    static Map<String, HeatClass> label(List<PartitionFeatures> partitions, int[] groupOf) {
        Map<Integer, double[]> sums = new HashMap<>();
        for (int i = 0; i < partitions.size(); i++) {
            double[] s = sums.computeIfAbsent(groupOf[i], g -> new double[2]);
            s[0] += partitions.get(i).logHeat();
            s[1]++;
        }
        List<Integer> groups = new ArrayList<>(sums.keySet());
        groups.sort(Comparator.comparingDouble((Integer g) -> sums.get(g)[0] / sums.get(g)[1]).thenComparing(g -> g));
        // fold each group into its colder neighbour's class while their means are too close
        int[] classOfRank = new int[groups.size()];
        int classes = 0;
        double classMean = Double.NaN;
        double classWeight = 0;
        for (int rank = 0; rank < groups.size(); rank++) {
            double[] s = sums.get(groups.get(rank));
            double mean = s[0] / s[1];
            if (rank > 0 && mean - classMean < Math.log(MIN_CLASS_RATIO)) {
                classMean = (classMean * classWeight + s[0]) / (classWeight + s[1]);
                classWeight += s[1];
            } else {
                classes++;
                classMean = mean;
                classWeight = s[1];
            }
            classOfRank[rank] = classes - 1;
        }
        HeatClass[] labels = labels(classes);
        Map<Integer, HeatClass> byGroup = new HashMap<>();
        for (int rank = 0; rank < groups.size(); rank++) {
            byGroup.put(groups.get(rank), labels[classOfRank[rank]]);
        }
        Map<String, HeatClass> out = new HashMap<>();
        for (int i = 0; i < partitions.size(); i++) {
            out.put(partitions.get(i).partitionKey(), byGroup.get(groupOf[i]));
        }
        return out;
    }

    /** Class labels for {@code classes} ordered from coldest to hottest: one is warm, two are cold and hot. */
    private static HeatClass[] labels(int classes) {
        return switch (classes) {
            case 0 -> new HeatClass[0];
            case 1 -> new HeatClass[] {HeatClass.WARM};
            case 2 -> new HeatClass[] {HeatClass.COLD, HeatClass.HOT};
            case 3 -> new HeatClass[] {HeatClass.COLD, HeatClass.WARM, HeatClass.HOT};
            default -> throw new IllegalArgumentException("at most 3 heat classes, not " + classes);
        };
    }
}
