package dev.thermocline.core.render;

import dev.thermocline.core.heat.KeySketchView;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.KeyRange;
import java.util.List;

/**
 * The picture's key axis: the key space cut into bands, band 0 at the low end. Long keys are laid out
 * linearly ({@link LinearKeyAxis}); string keys have no meaningful distance, so they are laid out by
 * partition order, every key segment between two neighbouring boundaries one equal band
 * ({@link SegmentKeyAxis}).
 */
public sealed interface KeyAxis permits LinearKeyAxis, SegmentKeyAxis {

    /** A labelled position on the axis, in band units. */
    record Tick(double position, String label) {}

    int bands();

    /** Where {@code key} lies, in band units: 0 at the axis's low end, {@link #bands()} at its high end; clamped. */
    double position(Key key);

    /** The band holding {@code key} (the nearest end band for keys off the axis). */
    int bandOf(Key key);

    /** Each band's share of keys spread evenly over {@code range}'s part of the axis; sums to 1. */
    double[] uniform(KeyRange range);

    /** The keys a band holds, e.g. {@code 250..259} or {@code [apple, banana)}. */
    String bandText(int band);

    /** Labelled positions, at most about {@code maxTicks} of them. */
    List<Tick> ticks(int maxTicks);

    /** The axis title: what it shows and how it is laid out. */
    String title();

    /**
     * Each band's share of a partition's accesses: by its key sketch when there is one (each retained
     * key's weight goes to the band holding that key), else evenly over the partition's range.
     */
    default double[] spread(KeyRange range, KeySketchView sketch) {
        if (sketch == null || sketch.totalWeight() == 0) {
            return uniform(range);
        }
        double[] shares = new double[bands()];
        double total = sketch.totalWeight();
        for (int i = 0; i < sketch.size(); i++) {
            shares[bandOf(sketch.key(i))] += sketch.weight(i) / total;
        }
        return shares;
    }
}
