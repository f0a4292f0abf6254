package dev.thermocline.core.heat;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.KeyRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A sketch read out: distinct keys in ascending order, each with the (positive) number of counted
 * keys it stands for. Immutable. Cumulative weights make rank questions exact on the view.
 */
public final class KeySketchView {

    private final KeyType keyType;
    private final List<Key> keys;
    private final long[] weights;
    private final long[] cumulative;

    KeySketchView(KeyType keyType, List<Key> keys, long[] weights) {
        this.keyType = Objects.requireNonNull(keyType, "key type is required");
        this.keys = List.copyOf(keys);
        if (weights.length != keys.size()) {
            throw new IllegalArgumentException(keys.size() + " keys but " + weights.length + " weights");
        }
        this.weights = weights.clone();
        this.cumulative = new long[weights.length];
        long sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 1) {
                throw new IllegalArgumentException("key " + keys.get(i) + " has weight " + weights[i] + ": must be positive");
            }
            if (i > 0 && keys.get(i - 1).compareTo(keys.get(i)) >= 0) {
                throw new IllegalArgumentException("keys are not strictly ascending at " + keys.get(i - 1) + ", " + keys.get(i));
            }
            sum = Math.addExact(sum, weights[i]);
            cumulative[i] = sum;
        }
    }

    public KeyType keyType() {
        return keyType;
    }

    public int size() {
        return keys.size();
    }

    public Key key(int i) {
        return keys.get(i);
    }

    public long weight(int i) {
        return weights[i];
    }

    /** The weight of entries {@code 0..i}. */
    public long cumulativeWeight(int i) {
        return cumulative[i];
    }

    public long totalWeight() {
        return cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
    }

    /** The weight of keys strictly below {@code key}. */
    public long weightBelow(Key key) {
        int i = firstIndexAtOrAbove(key);
        return i == 0 ? 0 : cumulative[i - 1];
    }

    /** The weight of keys in {@code range}. */
    public long weightIn(KeyRange range) {
        long below = range.start() == null ? 0 : weightBelow(range.start());
        long upTo = range.end() == null ? totalWeight() : weightBelow(range.end());
        return upTo - below;
    }

    /** The entries whose keys lie in {@code range}. */
    public KeySketchView within(KeyRange range) {
        int from = range.start() == null ? 0 : firstIndexAtOrAbove(range.start());
        int to = range.end() == null ? keys.size() : firstIndexAtOrAbove(range.end());
        if (from == 0 && to == keys.size()) {
            return this;
        }
        return new KeySketchView(keyType, new ArrayList<>(keys.subList(from, to)), Arrays.copyOfRange(weights, from, to));
    }

    /** The first index whose key is at or above {@code key} ({@code size()} if none). */
    public int firstIndexAtOrAbove(Key key) {
        int lo = 0;
        int hi = keys.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys.get(mid).compareTo(key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Equal views hold the same keys with the same weights. */
    @Override
    public boolean equals(Object o) {
        return o instanceof KeySketchView v && keyType == v.keyType && keys.equals(v.keys)
                && Arrays.equals(weights, v.weights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyType, keys, Arrays.hashCode(weights));
    }

    @Override
    public String toString() {
        return "KeySketchView[" + keyType.configName() + ", " + keys.size() + " keys, weight " + totalWeight() + "]";
    }
}
