package dev.thermocline.core.render;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.KeyRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Long keys laid out linearly over [{@code low}, {@code high}): {@code bands} equal bands. Keys
 * off the axis (an open partition's far end) are clamped onto its ends.
 */
public final class LinearKeyAxis implements KeyAxis {

    private final long low;
    private final long high;
    private final int bands;
    private final double width;

    public LinearKeyAxis(long low, long high, int bands) {
        if (low >= high) {
            throw new IllegalArgumentException("key axis [" + low + ", " + high + ") is empty");
        }
        if (bands < 1) {
            throw new IllegalArgumentException("key axis needs at least one band, got " + bands);
        }
        this.low = low;
        this.high = high;
        this.bands = bands;
        this.width = ((double) high - (double) low) / bands;
    }

    /** Over [{@code low}, {@code high}) with at most {@code maxBands} bands, none narrower than one key. */
    public static LinearKeyAxis covering(long low, long high, int maxBands) {
        double span = (double) high - (double) low;
        return new LinearKeyAxis(low, high, (int) Math.max(1, Math.min(maxBands, span)));
    }

    public long low() {
        return low;
    }

    public long high() {
        return high;
    }

    @Override
    public int bands() {
        return bands;
    }

    @Override
    public double position(Key key) {
        return clamp(coordinate(key));
    }

    @Override
    public int bandOf(Key key) {
        return (int) Math.min(bands - 1, Math.max(0, Math.floor(coordinate(key))));
    }

    @Override
    public double[] uniform(KeyRange range) {
        double from = range.start() == null ? 0 : position(range.start());
        double to = range.end() == null ? bands : position(range.end());
        double[] shares = new double[bands];
        if (to <= from) { // the range lies off the axis: its accesses go to the nearest end band
            shares[from >= bands ? bands - 1 : (int) Math.floor(Math.max(0, from))] = 1;
            return shares;
        }
        for (int b = (int) Math.floor(from); b < bands && b < to; b++) {
            shares[b] = (Math.min(to, b + 1) - Math.max(from, b)) / (to - from);
        }
        return shares;
    }

    @Override
    public String bandText(int band) {
        long first = firstKey(band);
        long last = band == bands - 1 ? high - 1 : firstKey(band + 1) - 1;
        return first >= last ? Long.toString(first) : first + ".." + last;
    }

    @Override
    public List<Tick> ticks(int maxTicks) {
        double step = NiceSteps.atLeast(((double) high - (double) low) / Math.max(1, maxTicks));
        List<Tick> ticks = new ArrayList<>();
        for (double v = Math.ceil(low / step) * step; v <= high; v += step) {
            long key = Math.round(v);
            ticks.add(new Tick(clamp(coordinate(Key.of(key))), Long.toString(key)));
        }
        return ticks;
    }

    @Override
    public String title() {
        return "key (linear)";
    }

    private long firstKey(int band) {
        return (long) Math.ceil(low + band * width);
    }

    private double coordinate(Key key) {
        return (((LongKey) key).value() - (double) low) / width;
    }

    private double clamp(double position) {
        return Math.max(0, Math.min(bands, position));
    }

    @Override
    public String toString() {
        return "LinearKeyAxis[" + low + ", " + high + "), " + bands + " bands";
    }
}
