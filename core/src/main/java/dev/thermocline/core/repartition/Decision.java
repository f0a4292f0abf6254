package dev.thermocline.core.repartition;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.PartitionMergeRequest;
import dev.thermocline.core.partition.PartitionSplitRequest;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One split or merge of a plan, with the evidence it was made on (for the {@code split_requests}
 * audit table). Heat and forecast are accesses per interval; for a merge they are the run's sums.
 *
 * @param kind split or merge
 * @param partitionKeys split: the partition cut; merge: the merged partitions in key order
 * @param splitPoint split: where the right part starts; null for a merge
 * @param resultPartitionKey split: the right part's new id; merge: the merged partition's id
 * @param heat decayed accesses per interval
 * @param forecast Holt's forecast at the planner's horizon
 * @param heatShare heat / the table's heat
 * @param forecastShare the share the decision was made on (forecast, or decayed heat without forecasting)
 * @param heatClass the class the partition(s) were in
 * @param leftShare split: the share of the partition's sketched heat left of the split point; NaN for a merge
 * @param explanation the rule that fired, in words
 */
public record Decision(
        Kind kind,
        List<String> partitionKeys,
        Key splitPoint,
        String resultPartitionKey,
        double heat,
        double forecast,
        double heatShare,
        double forecastShare,
        HeatClass heatClass,
        double leftShare,
        String explanation)
        implements Serializable {

    public enum Kind {
        SPLIT,
        MERGE
    }

    public Decision {
        Objects.requireNonNull(kind, "decision kind is required");
        partitionKeys = List.copyOf(partitionKeys);
        if (kind == Kind.SPLIT && (partitionKeys.size() != 1 || splitPoint == null)) {
            throw new IllegalArgumentException("a split decision names one partition and a split point, got "
                    + partitionKeys + " at " + splitPoint);
        }
        if (kind == Kind.MERGE && (partitionKeys.size() < 2 || splitPoint != null)) {
            throw new IllegalArgumentException("a merge decision names two or more partitions and no split point, got "
                    + partitionKeys + " at " + splitPoint);
        }
        Objects.requireNonNull(resultPartitionKey, "decision on " + partitionKeys + ": result id is required");
        Objects.requireNonNull(heatClass, "decision on " + partitionKeys + ": heat class is required");
    }

    /** The seed's {@code PartitionSplitRequest} of a split decision. */
    public PartitionSplitRequest toSplitRequest() {
        if (kind != Kind.SPLIT) {
            throw new IllegalStateException("decision on " + partitionKeys + " is a merge, not a split");
        }
        return new PartitionSplitRequest(partitionKeys.get(0), splitPoint, resultPartitionKey);
    }

    public PartitionMergeRequest toMergeRequest() {
        if (kind != Kind.MERGE) {
            throw new IllegalStateException("decision on " + partitionKeys + " is a split, not a merge");
        }
        return new PartitionMergeRequest(partitionKeys, resultPartitionKey);
    }

    /** A short form for a revision's reason: {@code split p3 at 1200 -> p17} or {@code merge p5+p6}. */
    public String summary() {
        return kind == Kind.SPLIT
                ? "split " + partitionKeys.get(0) + " at " + splitPoint.text() + " -> " + resultPartitionKey
                : "merge " + String.join("+", partitionKeys);
    }
}
