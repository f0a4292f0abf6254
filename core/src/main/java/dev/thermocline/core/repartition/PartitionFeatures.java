package dev.thermocline.core.repartition;

/**
 * What the classifiers see of one partition.
 *
 * @param partitionKey the partition's id
 * @param heat decayed accesses per interval
 * @param keyWidth how many keys the range spans (an estimate for open-ended ranges; 1 for string keys)
 */
public record PartitionFeatures(String partitionKey, double heat, double keyWidth) {

    public PartitionFeatures {
        if (partitionKey == null || partitionKey.isBlank()) {
            throw new IllegalArgumentException("partition features need a partition id");
        }
        if (!(heat >= 0) || Double.isInfinite(heat)) {
            throw new IllegalArgumentException("partition " + partitionKey + ": heat " + heat + " must be finite and >= 0");
        }
        if (!(keyWidth >= 1) || Double.isInfinite(keyWidth)) {
            throw new IllegalArgumentException("partition " + partitionKey + ": key width " + keyWidth + " must be finite and >= 1");
        }
    }

    /** ln(1 + heat): heat spans orders of magnitude, classes are about ratios. */
    public double logHeat() {
        return Math.log1p(heat);
    }

    /** ln(1 + heat) - ln(width): accesses per key, on the same log scale. */
    public double logDensity() {
        return Math.log1p(heat) - Math.log(keyWidth);
    }
}
