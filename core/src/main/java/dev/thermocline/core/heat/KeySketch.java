package dev.thermocline.core.heat;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.key.StringKey;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.kll.KllItemsSketch;
import org.apache.datasketches.kll.KllLongsSketch;
import org.apache.datasketches.kll.KllSketch;
import org.apache.datasketches.quantilescommon.ItemsSketchSortedView;
import org.apache.datasketches.quantilescommon.LongsSketchSortedView;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * A compact, mergeable quantile sketch of accessed keys: where inside a partition the accesses
 * fell. Backed by Apache DataSketches KLL ({@code KllLongsSketch} for long keys, {@code
 * KllItemsSketch<String>} ordered by UTF-8 bytes for string keys), so ranks are within about
 * 1.3% (k = 200) of the exact ones at any size, and a full sketch is a few KB.
 *
 * <p>The byte form ({@link #toBytes}, written into heatmap cells) is {@link KeySketchCodec}'s,
 * not KLL's own: datasketches-memory 4 needs the {@code jdk.incubator.foreign} module on Java 17 for
 * any {@code toByteArray}/{@code heapify}, and no JVM here should need that flag. Only heap
 * operations of the library are used.
 *
 * <p>Not thread-safe. KLL compaction draws coins from the library's own unseeded random source, so
 * two sketches of the same stream can differ within the rank error.
 */
public final class KeySketch implements Serializable {

    /** KLL's accuracy parameter: ~1.3% normalized rank error, at most ~5 KB for long keys. */
    public static final int DEFAULT_K = 200;

    /** UTF-8 byte order (what {@link StringKey} uses), computed on code points without encoding. */
    static final Comparator<String> UTF8_ORDER = KeySketch::compareUtf8;

    @Serial
    private static final long serialVersionUID = 1L;

    private final KeyType keyType;
    private final int k;
    private final transient KllLongsSketch longs;
    private final transient KllItemsSketch<String> strings;

    private KeySketch(KeyType keyType, int k) {
        this.keyType = Objects.requireNonNull(keyType, "key sketch: key type is required");
        if (k < 8 || k > KllSketch.MAX_K) {
            throw new IllegalArgumentException("key sketch: k " + k + " is outside [8, " + KllSketch.MAX_K + "]");
        }
        this.k = k;
        this.longs = keyType == KeyType.LONG ? KllLongsSketch.newHeapInstance(k) : null;
        this.strings = keyType == KeyType.STRING
                ? KllItemsSketch.newHeapInstance(k, UTF8_ORDER, new ArrayOfStringsSerDe())
                : null;
    }

    /** An empty sketch with {@link #DEFAULT_K}. */
    public static KeySketch create(KeyType keyType) {
        return new KeySketch(keyType, DEFAULT_K);
    }

    public static KeySketch create(KeyType keyType, int k) {
        return new KeySketch(keyType, k);
    }

    /**
     * Reads {@link #toBytes()} back. An empty array (a heatmap cell without a sketch) is an empty
     * sketch. Throws {@link IllegalArgumentException} naming the problem for anything else that is
     * not a sketch of {@code keyType} keys.
     */
    public static KeySketch fromBytes(KeyType keyType, byte[] bytes) {
        Objects.requireNonNull(bytes, "key sketch bytes are required");
        if (bytes.length == 0) {
            return create(keyType);
        }
        KeySketchCodec.Decoded decoded = KeySketchCodec.decode(keyType, bytes);
        KeySketch sketch = new KeySketch(keyType, decoded.k());
        KeySketchView view = decoded.view();
        for (int i = 0; i < view.size(); i++) {
            sketch.update(view.key(i), view.weight(i));
        }
        return sketch;
    }

    public void update(Key key) {
        update(key, 1);
    }

    /** Counts {@code key} {@code weight} times. */
    public void update(Key key, long weight) {
        Objects.requireNonNull(key, "key sketch: key is required");
        if (weight < 1) {
            throw new IllegalArgumentException("key sketch: weight " + weight + " of key " + key + " must be positive");
        }
        if (key.type() != keyType) { // the message only on failure: this runs once per access in the heatmap job
            requireType(key.type(), "key " + key);
        }
        if (longs != null) {
            longs.update(((LongKey) key).value(), weight);
        } else {
            strings.update(((StringKey) key).value(), weight);
        }
    }

    /** Adds everything {@code other} counted (other is unchanged). */
    public void merge(KeySketch other) {
        Objects.requireNonNull(other, "key sketch to merge is required");
        requireType(other.keyType, "a sketch of " + other.keyType.configName() + " keys");
        if (other.isEmpty()) {
            return;
        }
        if (longs != null) {
            longs.merge(other.longs);
        } else {
            strings.merge(other.strings);
        }
    }

    public KeySketch copy() {
        KeySketch copy = new KeySketch(keyType, k);
        copy.merge(this);
        return copy;
    }

    /** The compact byte form ({@link KeySketchCodec}); {@link #fromBytes} reads it back. */
    public byte[] toBytes() {
        return KeySketchCodec.encode(keyType, k, view());
    }

    /** How many keys were counted (sum of weights). */
    public long n() {
        return longs != null ? longs.getN() : strings.getN();
    }

    public boolean isEmpty() {
        return n() == 0;
    }

    public KeyType keyType() {
        return keyType;
    }

    public int k() {
        return k;
    }

    /**
     * The smallest counted key whose inclusive rank is at least {@code rank}: {@code quantile(0.5)}
     * is the median, {@code quantile(0)} the minimum, {@code quantile(1)} the maximum.
     */
    public Key quantile(double rank) {
        if (!(rank >= 0 && rank <= 1)) {
            throw new IllegalArgumentException("key sketch: rank " + rank + " is outside [0, 1]");
        }
        if (isEmpty()) {
            throw new IllegalStateException("key sketch is empty: it has no quantile " + rank);
        }
        return longs != null
                ? Key.of(longs.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE))
                : Key.of(strings.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE));
    }

    /** The estimated share of counted keys strictly below {@code key}, in [0, 1]; 0 when empty. */
    public double rank(Key key) {
        Objects.requireNonNull(key, "key sketch: key is required");
        requireType(key.type(), "key " + key);
        if (isEmpty()) {
            return 0;
        }
        return longs != null
                ? longs.getRank(((LongKey) key).value(), QuantileSearchCriteria.EXCLUSIVE)
                : strings.getRank(((StringKey) key).value(), QuantileSearchCriteria.EXCLUSIVE);
    }

    /** The retained keys in ascending order, each once, with the weight each stands for. */
    public KeySketchView view() {
        List<Key> keys = new ArrayList<>();
        List<Long> weights = new ArrayList<>();
        if (isEmpty()) {
            return new KeySketchView(keyType, keys, new long[0]);
        }
        long[] cumulative;
        if (longs != null) {
            LongsSketchSortedView sorted = longs.getSortedView();
            long[] items = sorted.getQuantiles();
            cumulative = sorted.getCumulativeWeights();
            long previous = 0;
            for (int i = 0; i < items.length; i++) {
                add(keys, weights, Key.of(items[i]), cumulative[i] - previous);
                previous = cumulative[i];
            }
        } else {
            ItemsSketchSortedView<String> sorted = strings.getSortedView();
            String[] items = sorted.getQuantiles();
            cumulative = sorted.getCumulativeWeights();
            long previous = 0;
            for (int i = 0; i < items.length; i++) {
                add(keys, weights, Key.of(items[i]), cumulative[i] - previous);
                previous = cumulative[i];
            }
        }
        long[] w = new long[weights.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights.get(i);
        }
        return new KeySketchView(keyType, keys, w);
    }

    /** Appends, folding a repeat of the last key (KLL may retain one item at several levels) into it. */
    private static void add(List<Key> keys, List<Long> weights, Key key, long weight) {
        if (weight <= 0) {
            return;
        }
        int last = keys.size() - 1;
        if (last >= 0 && keys.get(last).equals(key)) {
            weights.set(last, weights.get(last) + weight);
        } else {
            keys.add(key);
            weights.add(weight);
        }
    }

    private void requireType(KeyType other, String what) {
        if (other != keyType) {
            throw new IllegalArgumentException("key sketch of " + keyType.configName() + " keys cannot take "
                    + what + " (" + other.configName() + ")");
        }
    }

    /** Compares as {@code String.getBytes(UTF_8)} compared unsigned would, without allocating. */
    static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = codePointAsEncoded(a, i);
            int cb = codePointAsEncoded(b, j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.isSupplementaryCodePoint(ca) ? 2 : 1;
            j += Character.isSupplementaryCodePoint(cb) ? 2 : 1;
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** UTF-8 byte order is code point order; the encoder writes an unpaired surrogate as '?'. */
    private static int codePointAsEncoded(String s, int index) {
        int cp = s.codePointAt(index);
        return cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE ? '?' : cp;
    }

    @Override
    public String toString() {
        return "KeySketch[" + keyType.configName() + ", k=" + k + ", n=" + n() + "]";
    }

    @Serial
    private Object writeReplace() {
        return new SerializedForm(keyType, toBytes());
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("key sketches are serialized through their SerializedForm");
    }

    /** Java serialization stores the codec bytes, not the library's object graph. */
    private record SerializedForm(KeyType keyType, byte[] bytes) implements Serializable {
        @Serial
        private Object readResolve() {
            return fromBytes(keyType, bytes);
        }
    }
}
