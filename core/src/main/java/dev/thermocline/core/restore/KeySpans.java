package dev.thermocline.core.restore;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.key.StringKey;
import dev.thermocline.core.partition.KeyRange;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A set of keys as sorted, disjoint, non-touching half-open ranges. Restore planning turns every
 * selection (an inclusive interval, or a key list) into spans so that "which keys" composes by
 * plain intersection and union with partition and backup-copy ranges.
 */
public final class KeySpans implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Comparator<Key> START_ORDER = Comparator.nullsFirst(Comparator.naturalOrder());

    private final List<KeyRange> ranges;

    private KeySpans(List<KeyRange> ranges) {
        this.ranges = ranges;
    }

    public static KeySpans empty() {
        return new KeySpans(List.of());
    }

    /** The union of {@code ranges}, merged where they overlap or touch. */
    public static KeySpans of(Collection<KeyRange> ranges) {
        List<KeyRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(KeyRange::start, START_ORDER));
        List<KeyRange> merged = new ArrayList<>();
        for (KeyRange r : sorted) {
            if (!merged.isEmpty()) {
                KeyRange last = merged.get(merged.size() - 1);
                if (last.end() == null || r.start() == null || r.start().compareTo(last.end()) <= 0) {
                    merged.set(merged.size() - 1, new KeyRange(last.start(), maxEnd(last.end(), r.end())));
                    continue;
                }
            }
            merged.add(r);
        }
        return new KeySpans(List.copyOf(merged));
    }

    public static KeySpans of(KeyRange range) {
        return new KeySpans(List.of(range));
    }

    /** The keys a selection covers (its intervals, single keys as one-key spans). */
    public static KeySpans of(RangeSelection selection) {
        return of(selection.intervals().stream().map(KeySpans::toRange).toList());
    }

    /** The inclusive {@code [low, high]} as the half-open {@code [low, successor(high))}. */
    public static KeyRange toRange(KeyInterval interval) {
        return new KeyRange(interval.low(), interval.high() == null ? null : successor(interval.high()));
    }

    /**
     * The smallest key above {@code key}, or null when there is none: {@code n + 1} for long keys,
     * the key with a NUL appended for string keys (in UTF-8 byte order nothing lies between them).
     */
    public static Key successor(Key key) {
        if (key instanceof LongKey l) {
            return l.value() == Long.MAX_VALUE ? null : new LongKey(l.value() + 1);
        }
        return new StringKey(((StringKey) key).value() + '\0');
    }

    public List<KeyRange> ranges() {
        return ranges;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Binary search: the last range starting at or below {@code key}, then its end. */
    public boolean contains(Key key) {
        int lo = 0;
        int hi = ranges.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            KeyRange r = ranges.get(mid);
            if (r.start() != null && r.start().compareTo(key) > 0) {
                hi = mid - 1;
            } else if (r.end() != null && key.compareTo(r.end()) >= 0) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The smallest single range holding every key here; only for a non-empty set. */
    public KeyRange covering() {
        if (ranges.isEmpty()) {
            throw new IllegalStateException("an empty key set has no covering range");
        }
        return new KeyRange(ranges.get(0).start(), ranges.get(ranges.size() - 1).end());
    }

    public KeySpans intersect(KeyRange range) {
        List<KeyRange> out = new ArrayList<>();
        for (int i = firstEndingAfter(range.start()); i < ranges.size(); i++) {
            KeyRange r = ranges.get(i);
            if (range.end() != null && r.start() != null && r.start().compareTo(range.end()) >= 0) {
                break;
            }
            KeyRange both = intersection(r, range);
            if (both != null) {
                out.add(both);
            }
        }
        return new KeySpans(List.copyOf(out));
    }

    /** The index of the first range whose end lies above {@code key} (0 for a null key). */
    private int firstEndingAfter(Key key) {
        if (key == null) {
            return 0;
        }
        int lo = 0;
        int hi = ranges.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            Key end = ranges.get(mid).end();
            if (end != null && end.compareTo(key) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public KeySpans intersect(KeySpans other) {
        List<KeyRange> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < ranges.size() && j < other.ranges.size()) {
            KeyRange a = ranges.get(i);
            KeyRange b = other.ranges.get(j);
            KeyRange both = intersection(a, b);
            if (both != null) {
                out.add(both);
            }
            // advance whichever ends first (null = +inf ends last)
            if (a.end() != null && (b.end() == null || a.end().compareTo(b.end()) <= 0)) {
                i++;
            } else {
                j++;
            }
        }
        return new KeySpans(List.copyOf(out));
    }

    public KeySpans union(KeySpans other) {
        List<KeyRange> all = new ArrayList<>(ranges);
        all.addAll(other.ranges);
        return of(all);
    }

    /** The keys both ranges hold, or null when they hold none in common. */
    public static KeyRange intersection(KeyRange a, KeyRange b) {
        Key start = a.start() == null ? b.start() : b.start() == null ? a.start()
                : a.start().compareTo(b.start()) >= 0 ? a.start() : b.start();
        Key end = a.end() == null ? b.end() : b.end() == null ? a.end()
                : a.end().compareTo(b.end()) <= 0 ? a.end() : b.end();
        if (start != null && end != null && start.compareTo(end) >= 0) {
            return null;
        }
        return new KeyRange(start, end);
    }

    /** True when {@code outer} holds every key of {@code inner}. */
    public static boolean encloses(KeyRange outer, KeyRange inner) {
        boolean startOk = outer.start() == null || (inner.start() != null && outer.start().compareTo(inner.start()) <= 0);
        boolean endOk = outer.end() == null || (inner.end() != null && inner.end().compareTo(outer.end()) <= 0);
        return startOk && endOk;
    }

    private static Key maxEnd(Key a, Key b) {
        return a == null || b == null ? null : a.compareTo(b) >= 0 ? a : b;
    }

    /** Ranges in the command line's inclusive syntax where the end allows it, e.g. {@code 10..19, 40..}. */
    @Override
    public String toString() {
        if (ranges.isEmpty()) {
            return "(no keys)";
        }
        StringBuilder sb = new StringBuilder();
        for (KeyRange r : ranges) {
            sb.append(sb.length() == 0 ? "" : ", ").append(describe(r));
        }
        return sb.toString();
    }

    /** One range as {@code LO..HI} (inclusive) when its end has a predecessor we can name, else {@code [LO, END)}. */
    public static String describe(KeyRange r) {
        String low = r.start() == null ? "" : r.start().text();
        if (r.end() == null) {
            return low + "..";
        }
        if (r.end() instanceof LongKey l) {
            long high = l.value() - 1;
            return r.start() != null && r.start() instanceof LongKey s && s.value() == high ? low : low + ".." + high;
        }
        String end = ((StringKey) r.end()).value();
        if (end.endsWith("\0")) {
            String high = end.substring(0, end.length() - 1);
            return r.start() != null && high.equals(r.start().text()) ? low : low + ".." + high;
        }
        return "[" + low + ", " + end + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeySpans other && ranges.equals(other.ranges);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ranges);
    }
}
