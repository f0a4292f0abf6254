package dev.thermocline.core.repartition;

import java.io.Serializable;
import java.util.Objects;

/**
 * The planner's thresholds and bounds. Build with {@link #builder()}; {@link #defaults()} is a
 * table of ~16 heat-balanced partitions. Shares are of the table's total (decayed or forecast)
 * heat, so a load that rises or falls everywhere alike changes nothing.
 *
 * @param splitAboveShare a hot partition whose forecast share exceeds this is split (default 1/8)
 * @param mergeBelowShare a run of cold partitions merges only while its combined share, current and
 *     forecast, stays below this (default 1/32); at most half of {@code splitAboveShare}, so the halves
 *     of a split are never merge candidates and a merged run is far from splitting again (hysteresis)
 * @param minPartitions merges never take the table below this (default 1)
 * @param maxPartitions splits never take the table above this (default 256)
 * @param minKeyWidth long keys: every part of a split spans at least this many keys (default 1024)
 * @param maxOperationsPerRevision splits + merges in one plan, at most (default 4)
 * @param mergeCoolDownIntervals a partition created or changed less than this many intervals ago is
 *     never merged, so a fresh split is not undone (CockroachDB #41317) (default 10)
 * @param splitCoolDownIntervals nor split again sooner than this (default 1: a still-hot half may split next interval)
 * @param forecastHorizon split on Holt's forecast this many intervals ahead; 0 = no forecasting,
 *     decide on the decayed heat (default 3)
 * @param minTableHeat no plan while the table's decayed heat is below this many accesses per interval:
 *     shares of a few accesses are noise (default 100)
 * @param classifier how partitions are grouped into hot / warm / cold (default k-means, measured as the more
 *     stable; see core/README.md)
 * @param splitRule where a hot partition is cut (default {@link SplitRule#ISOLATE_HEAT}; see README)
 */
public record PlannerSettings(
        double splitAboveShare,
        double mergeBelowShare,
        int minPartitions,
        int maxPartitions,
        long minKeyWidth,
        int maxOperationsPerRevision,
        int mergeCoolDownIntervals,
        int splitCoolDownIntervals,
        int forecastHorizon,
        double minTableHeat,
        HeatClassifier.Kind classifier,
        SplitRule splitRule)
        implements Serializable {

    public PlannerSettings {
        if (!(splitAboveShare > 0 && splitAboveShare < 1)) {
            throw new IllegalArgumentException("split-above share " + splitAboveShare + " must be in (0, 1)");
        }
        if (!(mergeBelowShare >= 0)) {
            throw new IllegalArgumentException("merge-below share " + mergeBelowShare + " must be >= 0");
        }
        if (mergeBelowShare > splitAboveShare / 2) {
            throw new IllegalArgumentException("merge-below share " + mergeBelowShare
                    + " must be at most half the split-above share " + splitAboveShare
                    + ", or a split's halves could be merged right back");
        }
        if (minPartitions < 1) {
            throw new IllegalArgumentException("min partitions " + minPartitions + " must be at least 1");
        }
        if (maxPartitions < minPartitions) {
            throw new IllegalArgumentException("max partitions " + maxPartitions + " is below min partitions " + minPartitions);
        }
        if (minKeyWidth < 1) {
            throw new IllegalArgumentException("min key width " + minKeyWidth + " must be at least 1");
        }
        if (maxOperationsPerRevision < 1) {
            throw new IllegalArgumentException("max operations per revision " + maxOperationsPerRevision + " must be at least 1");
        }
        if (mergeCoolDownIntervals < 1) {
            throw new IllegalArgumentException("merge cool-down " + mergeCoolDownIntervals + " must be at least 1 interval");
        }
        if (splitCoolDownIntervals < 1) {
            throw new IllegalArgumentException("split cool-down " + splitCoolDownIntervals + " must be at least 1 interval");
        }
        if (forecastHorizon < 0) {
            throw new IllegalArgumentException("forecast horizon " + forecastHorizon + " must be >= 0 intervals");
        }
        if (!(minTableHeat >= 0) || Double.isInfinite(minTableHeat)) {
            throw new IllegalArgumentException("min table heat " + minTableHeat + " must be finite and >= 0");
        }
        Objects.requireNonNull(classifier, "classifier is required");
        Objects.requireNonNull(splitRule, "split rule is required");
    }

    public static PlannerSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().splitAboveShare(splitAboveShare).mergeBelowShare(mergeBelowShare)
                .partitions(minPartitions, maxPartitions).minKeyWidth(minKeyWidth)
                .maxOperationsPerRevision(maxOperationsPerRevision).mergeCoolDownIntervals(mergeCoolDownIntervals)
                .splitCoolDownIntervals(splitCoolDownIntervals).forecastHorizon(forecastHorizon)
                .minTableHeat(minTableHeat).classifier(classifier).splitRule(splitRule);
    }

    public static final class Builder {
        private double splitAboveShare = 1.0 / 8;
        private double mergeBelowShare = 1.0 / 32;
        private int minPartitions = 1;
        private int maxPartitions = 256;
        private long minKeyWidth = 1024;
        private int maxOperationsPerRevision = 4;
        private int mergeCoolDownIntervals = 10;
        private int splitCoolDownIntervals = 1;
        private int forecastHorizon = 3;
        private double minTableHeat = 100;
        private HeatClassifier.Kind classifier = HeatClassifier.Kind.K_MEANS;
        private SplitRule splitRule = SplitRule.ISOLATE_HEAT;

        private Builder() {}

        /** Thresholds for about {@code partitions} heat-balanced partitions: split above 2/n, merge below 1/(2n). */
        public Builder targetPartitions(int partitions) {
            if (partitions < 2) {
                throw new IllegalArgumentException("target partitions " + partitions + " must be at least 2");
            }
            splitAboveShare = 2.0 / partitions;
            mergeBelowShare = 0.5 / partitions;
            return this;
        }

        public Builder splitAboveShare(double v) {
            splitAboveShare = v;
            return this;
        }

        public Builder mergeBelowShare(double v) {
            mergeBelowShare = v;
            return this;
        }

        public Builder partitions(int min, int max) {
            minPartitions = min;
            maxPartitions = max;
            return this;
        }

        public Builder minKeyWidth(long v) {
            minKeyWidth = v;
            return this;
        }

        public Builder maxOperationsPerRevision(int v) {
            maxOperationsPerRevision = v;
            return this;
        }

        public Builder mergeCoolDownIntervals(int v) {
            mergeCoolDownIntervals = v;
            return this;
        }

        public Builder splitCoolDownIntervals(int v) {
            splitCoolDownIntervals = v;
            return this;
        }

        public Builder forecastHorizon(int v) {
            forecastHorizon = v;
            return this;
        }

        public Builder minTableHeat(double v) {
            minTableHeat = v;
            return this;
        }

        public Builder classifier(HeatClassifier.Kind v) {
            classifier = v;
            return this;
        }

        public Builder splitRule(SplitRule v) {
            splitRule = v;
            return this;
        }

        public PlannerSettings build() {
            return new PlannerSettings(splitAboveShare, mergeBelowShare, minPartitions, maxPartitions, minKeyWidth,
                    maxOperationsPerRevision, mergeCoolDownIntervals, splitCoolDownIntervals, forecastHorizon,
                    minTableHeat, classifier, splitRule);
        }
    }
}
