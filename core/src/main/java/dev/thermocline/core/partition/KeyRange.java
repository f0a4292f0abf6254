package dev.thermocline.core.partition;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.key.StringKey;
import dev.thermocline.core.restore.KeyInterval;
import java.io.Serializable;

/**
 * A half-open key range {@code [start, end)}: {@code start == null} is unbounded below,
 * {@code end == null} unbounded above. A range always holds at least one key: {@code start < end},
 * and an unbounded-below range cannot end at the smallest key of its type.
 */
public record KeyRange(Key start, Key end) implements Serializable {

    public KeyRange {
        if (start != null && end != null) {
            if (start.type() != end.type()) {
                throw new IllegalArgumentException("range [" + start + ", " + end + ") mixes a "
                        + start.type().configName() + " start with a " + end.type().configName() + " end");
            }
            if (start.compareTo(end) >= 0) {
                throw new IllegalArgumentException(
                        "range [" + start + ", " + end + ") is empty: start " + start + " must be below end " + end);
            }
        }
        if (start == null && end != null && isSmallestKey(end)) {
            throw new IllegalArgumentException("range [-inf, " + end + ") is empty: no key is below '" + end + "'");
        }
    }

    /** The whole key space. */
    public static KeyRange all() {
        return new KeyRange(null, null);
    }

    public static KeyRange of(Key start, Key end) {
        return new KeyRange(start, end);
    }

    public boolean contains(Key key) {
        return (start == null || start.compareTo(key) <= 0) && (end == null || key.compareTo(end) < 0);
    }

    /** True when some key lies both in this range and in the inclusive {@code interval}. */
    public boolean overlaps(KeyInterval interval) {
        boolean lowBelowEnd = interval.low() == null || end == null || interval.low().compareTo(end) < 0;
        boolean startAtMostHigh = interval.high() == null || start == null || start.compareTo(interval.high()) <= 0;
        return lowBelowEnd && startAtMostHigh;
    }

    /** True when some key lies in both ranges. */
    public boolean overlaps(KeyRange other) {
        boolean a = other.start == null || end == null || other.start.compareTo(end) < 0;
        boolean b = start == null || other.end == null || start.compareTo(other.end) < 0;
        return a && b;
    }

    /** True when {@code key} lies strictly inside, so splitting there leaves two non-empty ranges. */
    public boolean canSplitAt(Key key) {
        return contains(key) && (start == null ? !isSmallestKey(key) : start.compareTo(key) < 0);
    }

    static boolean isSmallestKey(Key key) {
        return (key instanceof LongKey l && l.value() == Long.MIN_VALUE)
                || (key instanceof StringKey s && s.value().isEmpty());
    }

    @Override
    public String toString() {
        return "[" + (start == null ? "-inf" : start.text()) + ", " + (end == null ? "+inf" : end.text()) + ")";
    }
}
