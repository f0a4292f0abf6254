package dev.thermocline.core.render;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.KeyRange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Keys laid out by partition order: the boundaries of every revision drawn cut the key space into
 * segments, each one equal band (so every partition of every revision covers whole bands). Used for
 * string keys, whose byte order has no distance to draw linearly.
 */
public final class SegmentKeyAxis implements KeyAxis {

    private static final int MAX_LABEL = 14;

    private final List<Key> boundaries;

    public SegmentKeyAxis(Collection<Key> boundaries) {
        this.boundaries = List.copyOf(new TreeSet<>(boundaries));
    }

    public List<Key> boundaries() {
        return boundaries;
    }

    @Override
    public int bands() {
        return boundaries.size() + 1;
    }

    @Override
    public double position(Key key) {
        int below = countBelow(key);
        boolean isBoundary = below < boundaries.size() && boundaries.get(below).equals(key);
        return isBoundary ? below + 1 : below + 0.5;
    }

    @Override
    public int bandOf(Key key) {
        int below = countBelow(key);
        return below < boundaries.size() && boundaries.get(below).equals(key) ? below + 1 : below;
    }

    @Override
    public double[] uniform(KeyRange range) {
        int first = range.start() == null ? 0 : bandOf(range.start());
        int last = range.end() == null ? bands() - 1 : Math.max(first, countBelow(range.end()));
        double[] shares = new double[bands()];
        for (int b = first; b <= last; b++) {
            shares[b] = 1.0 / (last - first + 1);
        }
        return shares;
    }

    @Override
    public String bandText(int band) {
        String lo = band == 0 ? "-inf" : boundaries.get(band - 1).text();
        String hi = band == boundaries.size() ? "+inf" : boundaries.get(band).text();
        return "[" + lo + ", " + hi + ")";
    }

    /** Every boundary; the layout leaves out those too close to the previous label. */
    @Override
    public List<Tick> ticks(int maxTicks) {
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < boundaries.size(); i++) {
            String text = boundaries.get(i).text();
            ticks.add(new Tick(i + 1, text.length() > MAX_LABEL ? text.substring(0, MAX_LABEL - 1) + "…" : text));
        }
        return ticks;
    }

    @Override
    public String title() {
        return "key (partition order: one band per segment between boundaries)";
    }

    /** How many boundaries lie strictly below {@code key}. */
    private int countBelow(Key key) {
        int lo = 0;
        int hi = boundaries.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (boundaries.get(mid).compareTo(key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return "SegmentKeyAxis[" + bands() + " bands]";
    }
}
