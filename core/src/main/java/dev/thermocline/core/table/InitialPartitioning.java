package dev.thermocline.core.table;

import java.io.Serializable;
import dev.thermocline.core.key.Key;
import java.util.List;
import java.util.Objects;

/** How a table is partitioned before any heat is seen. */
public sealed interface InitialPartitioning extends Serializable {

    /**
     * {@code count} equal ranges over the declared key domain [{@code low}, {@code high}); the first
     * range is open below and the last open above, so every key has a partition.
     */
    record EqualRanges(int count, Key low, Key high) implements InitialPartitioning {
        public EqualRanges {
            if (count < 1) {
                throw new IllegalArgumentException("initial-partitions must be at least 1, was " + count);
            }
            Objects.requireNonNull(low, "key-domain low is required");
            Objects.requireNonNull(high, "key-domain high is required");
            if (low.compareTo(high) >= 0) {
                throw new IllegalArgumentException(
                        "key-domain [" + low + ", " + high + "] is empty: low must be below high");
            }
        }
    }

    /** Explicit, strictly increasing boundaries: n boundaries make n+1 partitions. */
    record ExplicitBoundaries(List<Key> boundaries) implements InitialPartitioning {
        public ExplicitBoundaries {
            boundaries = List.copyOf(boundaries);
            for (int i = 1; i < boundaries.size(); i++) {
                if (boundaries.get(i - 1).compareTo(boundaries.get(i)) >= 0) {
                    throw new IllegalArgumentException("boundaries must be strictly increasing: "
                            + boundaries.get(i - 1) + " is not below " + boundaries.get(i));
                }
            }
        }
    }
}
