package dev.thermocline.core.partition;

import dev.thermocline.core.key.Key;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The splits and merges that turn one partition-map revision into the next. Each partition may be
 * touched by at most one of them; {@link PartitionMap#apply} checks everything against the map.
 */
public record RepartitionPlan(List<PartitionSplitRequest> splits, List<PartitionMergeRequest> merges)
        implements Serializable {

    public RepartitionPlan {
        splits = splits == null ? List.of() : List.copyOf(splits);
        merges = merges == null ? List.of() : List.copyOf(merges);
    }

    public boolean isEmpty() {
        return splits.isEmpty() && merges.isEmpty();
    }

    /** A builder that allocates fresh partition ids from {@code map}'s next ordinal. */
    public static Builder builder(PartitionMap map) {
        return new Builder(map.nextPartitionOrdinal());
    }

    /** Collects splits and merges, handing out fresh ids in order. */
    public static final class Builder {
        private final List<PartitionSplitRequest> splits = new ArrayList<>();
        private final List<PartitionMergeRequest> merges = new ArrayList<>();
        private long nextOrdinal;

        private Builder(long nextOrdinal) {
            this.nextOrdinal = nextOrdinal;
        }

        /** Splits {@code partitionKey} at {@code splitPoint}; the right part gets the next fresh id. */
        public Builder split(String partitionKey, Key splitPoint) {
            splits.add(new PartitionSplitRequest(partitionKey, splitPoint, freshId()));
            return this;
        }

        /** Merges adjacent partitions; the result keeps the first listed id. */
        public Builder merge(String... partitionKeys) {
            merges.add(PartitionMergeRequest.of(Arrays.asList(partitionKeys)));
            return this;
        }

        public Builder merge(List<String> partitionKeys) {
            merges.add(PartitionMergeRequest.of(partitionKeys));
            return this;
        }

        /** Merges adjacent partitions into one with a fresh id. */
        public Builder mergeIntoFresh(List<String> partitionKeys) {
            merges.add(new PartitionMergeRequest(partitionKeys, freshId()));
            return this;
        }

        private String freshId() {
            return PartitionMap.partitionId(nextOrdinal++);
        }

        public RepartitionPlan build() {
            return new RepartitionPlan(splits, merges);
        }
    }
}
