package dev.thermocline.core.repartition;

import java.util.List;
import java.util.Map;

/**
 * Groups a table's partitions into cold / warm / hot from their access features. Deterministic:
 * the same features always give the same classes, in any order. Groups whose mean heats lie within
 * a factor of two are one class ({@link ClassLabels}); a single class is warm, two are cold and hot.
 */
public interface HeatClassifier {

    Map<String, HeatClass> classify(List<PartitionFeatures> partitions);

    /** The classifiers to choose from; see core/README.md for how they compare. */
    enum Kind {
        /** Optimal 1-D segmentation (Jenks natural breaks) of log heat. */
        NATURAL_BREAKS,
        /** k-means, k = 3, on standardized log heat and log density, seeded at min / median / max heat. */
        K_MEANS;

        public HeatClassifier create() {
            return this == NATURAL_BREAKS ? new NaturalBreaksClassifier() : new KMeansClassifier();
        }
    }
}
