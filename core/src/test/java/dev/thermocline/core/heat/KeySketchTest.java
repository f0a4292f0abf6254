package dev.thermocline.core.heat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.key.StringKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeySketchTest {

    /** KLL's normalized rank error at k = 200 is 1.33% (99% confidence); allow 2.5x over 99 probes. */
    private static final double RANK_ERROR = 0.033;

    @Test
    void longRanksStayWithinTheErrorBoundOfTheExactRanks() {
        List<Key> keys = skewedLongs(200_000, 1);
        KeySketch sketch = KeySketch.create(KeyType.LONG);
        keys.forEach(sketch::update);

        assertThat(sketch.n()).isEqualTo(200_000);
        assertThat(maxRankError(sketch, keys)).isLessThan(RANK_ERROR);
    }

    @Test
    void mergedPartialSketchesMatchTheWholeStream() {
        List<Key> keys = skewedLongs(200_000, 2);
        KeySketch merged = KeySketch.create(KeyType.LONG);
        for (int part = 0; part < 10; part++) {
            KeySketch partial = KeySketch.create(KeyType.LONG);
            keys.subList(part * 20_000, (part + 1) * 20_000).forEach(partial::update);
            merged.merge(partial);
        }

        assertThat(merged.n()).isEqualTo(200_000);
        assertThat(maxRankError(merged, keys)).isLessThan(RANK_ERROR);
    }

    @Test
    void bytesRoundTripKeepsCountAndRanksAndStayCompact() {
        List<Key> keys = skewedLongs(300_000, 3);
        KeySketch sketch = KeySketch.create(KeyType.LONG);
        keys.forEach(sketch::update);

        KeySketch copy = sketch;
        for (int trip = 0; trip < 5; trip++) {
            copy = KeySketch.fromBytes(KeyType.LONG, copy.toBytes());
        }

        assertThat(copy.n()).isEqualTo(sketch.n());
        assertThat(copy.k()).isEqualTo(KeySketch.DEFAULT_K);
        assertThat(maxRankError(copy, keys)).isLessThan(RANK_ERROR);
        assertThat(sketch.toBytes().length).isLessThan(4_096);
    }

    @Test
    void aSmallSketchRoundTripsExactly() {
        KeySketch sketch = KeySketch.create(KeyType.LONG);
        for (long k : new long[] {Long.MIN_VALUE, -5, 0, 7, 7, 7, Long.MAX_VALUE}) {
            sketch.update(Key.of(k));
        }
        sketch.update(Key.of(42), 1000);

        KeySketch copy = KeySketch.fromBytes(KeyType.LONG, sketch.toBytes());

        assertThat(copy.n()).isEqualTo(1007);
        assertThat(copy.view()).isEqualTo(sketch.view());
        assertThat(copy.view().size()).isEqualTo(6);
        assertThat(copy.view().weightBelow(Key.of(42))).isEqualTo(6);
        assertThat(copy.quantile(0)).isEqualTo(Key.of(Long.MIN_VALUE));
        assertThat(copy.quantile(0.5)).isEqualTo(Key.of(42));
        assertThat(copy.quantile(1)).isEqualTo(Key.of(Long.MAX_VALUE));
    }

    @Test
    void stringKeysAreOrderedByUtf8BytesNotByUtf16() {
        // U+1F600 is a surrogate pair in UTF-16 (sorts below U+FFFD there) but F0.. in UTF-8 (sorts above EF..)
        List<String> values = List.of("a", "b", "\u00e9", "\ufffd", "\ud83d\ude00");
        KeySketch sketch = KeySketch.create(KeyType.STRING);
        values.forEach(v -> sketch.update(Key.of(v)));

        List<Key> expected = values.stream().map(Key::of).sorted().toList();
        assertThat(sketch.view().size()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(sketch.view().key(i)).isEqualTo(expected.get(i));
        }
        assertThat(sketch.quantile(1)).isEqualTo(Key.of("\ud83d\ude00"));
    }

    @Test
    void stringRanksAndRoundTrip() {
        Random rnd = new Random(4);
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            keys.add(Key.of(String.format("cust-%05d", (int) Math.abs(rnd.nextGaussian() * 20_000) % 100_000)));
        }
        KeySketch sketch = KeySketch.create(KeyType.STRING);
        keys.forEach(sketch::update);
        byte[] bytes = sketch.toBytes();

        KeySketch copy = KeySketch.fromBytes(KeyType.STRING, bytes);

        assertThat(copy.n()).isEqualTo(60_000);
        assertThat(maxRankError(copy, keys)).isLessThan(RANK_ERROR);
        assertThat(bytes.length).as("front-coded strings").isLessThan(4_096);
    }

    @Test
    void anEmptyCellSketchIsAnEmptySketch() {
        KeySketch empty = KeySketch.fromBytes(KeyType.LONG, new byte[0]);

        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.rank(Key.of(5))).isZero();
        assertThat(KeySketch.fromBytes(KeyType.LONG, empty.toBytes()).isEmpty()).isTrue();
        assertThatThrownBy(() -> empty.quantile(0.5))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("empty");
    }

    @Test
    void bytesOfTheOtherKeyTypeAreRejected() {
        KeySketch longs = KeySketch.create(KeyType.LONG);
        longs.update(Key.of(1));

        assertThatThrownBy(() -> KeySketch.fromBytes(KeyType.STRING, longs.toBytes()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key sketch holds long keys but the table has string keys");
        assertThatThrownBy(() -> longs.update(Key.of("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot take key x");
        assertThatThrownBy(() -> longs.merge(KeySketch.create(KeyType.STRING)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("string keys");
    }

    @Test
    void corruptBytesAreRejectedWithTheReason() {
        KeySketch sketch = KeySketch.create(KeyType.STRING);
        for (int i = 0; i < 50; i++) {
            sketch.update(Key.of("key-" + i));
        }
        byte[] bytes = sketch.toBytes();

        assertThatThrownBy(() -> KeySketch.fromBytes(KeyType.STRING, Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> KeySketch.fromBytes(KeyType.STRING, "{\"not\":1}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a key sketch");
        byte[] extra = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> KeySketch.fromBytes(KeyType.STRING, extra))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unexpected bytes");
    }

    @Test
    void javaSerializationKeepsTheSketch() throws Exception {
        KeySketch sketch = KeySketch.create(KeyType.LONG);
        skewedLongs(50_000, 5).forEach(sketch::update);

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(sketch);
        }
        KeySketch copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(buffer.toByteArray()))) {
            copy = (KeySketch) in.readObject();
        }

        assertThat(copy.n()).isEqualTo(50_000);
        assertThat(copy.rank(Key.of(1000))).isCloseTo(sketch.rank(Key.of(1000)), within(RANK_ERROR));
    }

    @Test
    void weightsCountAsRepeatedKeys() {
        KeySketch sketch = KeySketch.create(KeyType.LONG);
        sketch.update(Key.of(10), 3);
        sketch.update(Key.of(20));

        assertThat(sketch.n()).isEqualTo(4);
        assertThat(sketch.rank(Key.of(20))).isEqualTo(0.75);
        assertThatThrownBy(() -> sketch.update(Key.of(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight 0 of key 1");
    }

    @Test
    void utf8OrderAgreesWithStringKeysOnTrickyText() {
        String[] samples = {"", "a", "ab", "\u0000", "\u007f", "\u0080", "\u07ff", "\u0800", "\uffff", "\ud800",
            "\udfff", "\ud800\udc00", "\udbff\udfff", "x\ud800", "x\ud800\udc00", "?", "\ue000"};
        for (String a : samples) {
            for (String b : samples) {
                assertThat(Integer.signum(KeySketch.compareUtf8(a, b)))
                        .as("'%s' vs '%s'", a, b)
                        .isEqualTo(Integer.signum(new StringKey(a).compareTo(new StringKey(b))));
            }
        }
    }

    /** Keys clustered around 500 000 with a long tail, like a hotspot. */
    private static List<Key> skewedLongs(int n, long seed) {
        Random rnd = new Random(seed);
        List<Key> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(Key.of(500_000 + (long) (rnd.nextGaussian() * 1_000 * Math.exp(rnd.nextGaussian()))));
        }
        return keys;
    }

    /** The largest gap between the sketch's rank and the exact rank, over 99 probes at the exact percentiles. */
    private static double maxRankError(KeySketch sketch, List<Key> keys) {
        List<Key> sorted = new ArrayList<>(keys);
        Collections.sort(sorted);
        double worst = 0;
        for (int p = 1; p < 100; p++) {
            Key probe = sorted.get(sorted.size() * p / 100);
            int below = lowerBound(sorted, probe);
            double exact = (double) below / sorted.size();
            worst = Math.max(worst, Math.abs(sketch.rank(probe) - exact));
        }
        return worst;
    }

    private static int lowerBound(List<Key> sorted, Key key) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).compareTo(key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
