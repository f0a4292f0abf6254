package dev.thermocline.core.partition;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.key.StringKey;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The boundaries of a table's initial map: {@code n} boundaries make {@code n+1} partitions.
 *
 * <p>Equal ranges over {@code [low, high)} into {@code count} parts: boundary {@code i} is
 * {@code low + floor(i * (high - low) / count)} for long keys. For string keys the same
 * interpolation runs over the code points after the domain ends' common prefix, read as digits in
 * the alphabet spanned by those code points (digit 0 = "string ends here", so shorter sorts
 * first, as in UTF-8 byte order, which equals code point order); e.g. {@code ["a","z"]} in 4 gives
 * {@code gf, mm, st}, and {@code ["cust-00000","cust-99999"]} gives boundaries of the form
 * {@code cust-<digits>}. Domains too narrow for {@code count} distinct boundaries are rejected.
 */
final class InitialBoundaries {

    /** Digits of interpolation after the common prefix, at most. */
    private static final int MAX_WIDTH = 12;

    private InitialBoundaries() {}

    static List<Key> of(TableSpec spec) {
        if (spec.initialPartitioning() instanceof InitialPartitioning.ExplicitBoundaries explicit) {
            for (Key b : explicit.boundaries()) {
                if (b.type() != spec.keyType()) {
                    throw new IllegalArgumentException("table '" + spec.name() + "': boundary " + b + " is a "
                            + b.type().configName() + " key but key-type is " + spec.keyType().configName());
                }
            }
            return explicit.boundaries();
        }
        InitialPartitioning.EqualRanges eq = (InitialPartitioning.EqualRanges) spec.initialPartitioning();
        if (eq.high().type() != spec.keyType()) {
            throw new IllegalArgumentException("table '" + spec.name() + "': key-domain high " + eq.high()
                    + " is not of key-type " + spec.keyType().configName());
        }
        List<Key> boundaries = spec.keyType() == KeyType.LONG
                ? longBoundaries(((LongKey) eq.low()).value(), ((LongKey) eq.high()).value(), eq.count())
                : stringBoundaries(((StringKey) eq.low()).value(), ((StringKey) eq.high()).value(), eq.count());
        for (int i = 1; i < boundaries.size(); i++) {
            if (boundaries.get(i - 1).compareTo(boundaries.get(i)) >= 0) {
                throw new IllegalArgumentException("table '" + spec.name() + "': key-domain [" + eq.low() + ", "
                        + eq.high() + ") is too narrow for " + eq.count() + " equal ranges");
            }
        }
        return boundaries;
    }

    static List<Key> longBoundaries(long low, long high, int count) {
        BigInteger lo = BigInteger.valueOf(low);
        BigInteger width = BigInteger.valueOf(high).subtract(lo);
        List<Key> out = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            BigInteger b = lo.add(width.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(count)));
            out.add(new LongKey(b.longValueExact()));
        }
        return out;
    }

    static List<Key> stringBoundaries(String low, String high, int count) {
        int[] l = low.codePoints().toArray();
        int[] h = high.codePoints().toArray();
        int prefix = 0;
        while (prefix < l.length && prefix < h.length && l[prefix] == h[prefix]) {
            prefix++;
        }
        String common = new String(l, 0, prefix);
        int[] restL = Arrays.copyOfRange(l, prefix, l.length);
        int[] restH = Arrays.copyOfRange(h, prefix, h.length);
        int min = Math.min(Arrays.stream(restL).min().orElse(Integer.MAX_VALUE), Arrays.stream(restH).min().orElseThrow());
        int max = Math.max(Arrays.stream(restL).max().orElse(Integer.MIN_VALUE), Arrays.stream(restH).max().orElseThrow());
        BigInteger base = BigInteger.valueOf((long) max - min + 2);
        int width = Math.max(restL.length, restH.length);
        BigInteger resolution = BigInteger.valueOf(64L * count);
        while (width < MAX_WIDTH && base.pow(width).compareTo(resolution) < 0) {
            width++;
        }
        width = Math.min(width, MAX_WIDTH);
        BigInteger vl = toNumber(restL, width, min, base);
        BigInteger vh = toNumber(restH, width, min, base);
        List<Key> out = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            BigInteger v = vl.add(vh.subtract(vl).multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(count)));
            out.add(new StringKey(common + toText(v, width, min, base)));
        }
        return out;
    }

    /** Code points as digits: 0 past the end, {@code cp - min + 1} otherwise. */
    private static BigInteger toNumber(int[] cps, int width, int min, BigInteger base) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 0; i < width; i++) {
            int digit = i < cps.length ? cps[i] - min + 1 : 0;
            v = v.multiply(base).add(BigInteger.valueOf(digit));
        }
        return v;
    }

    /** The inverse, cut at the first 0 digit; a surrogate (not a character) rounds up to U+E000. */
    private static String toText(BigInteger v, int width, int min, BigInteger base) {
        int[] digits = new int[width];
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] qr = v.divideAndRemainder(base);
            digits[i] = qr[1].intValueExact();
            v = qr[0];
        }
        StringBuilder sb = new StringBuilder();
        for (int d : digits) {
            if (d == 0) {
                break;
            }
            int cp = min + d - 1;
            sb.appendCodePoint(cp >= 0xD800 && cp <= 0xDFFF ? 0xE000 : cp);
        }
        return sb.toString();
    }
}
