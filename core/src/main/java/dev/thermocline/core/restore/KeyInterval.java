package dev.thermocline.core.restore;

import dev.thermocline.core.key.Key;
import java.io.Serializable;

/**
 * An inclusive key interval {@code [low, high]}, as a restore request names it. A null end is open:
 * {@code low == null} means "from the smallest key", {@code high == null} "to the largest".
 */
public record KeyInterval(Key low, Key high) implements Serializable {

    public KeyInterval {
        if (low != null && high != null) {
            if (low.type() != high.type()) {
                throw new IllegalArgumentException("key interval " + low + ".." + high + " mixes a "
                        + low.type().configName() + " low with a " + high.type().configName() + " high");
            }
            if (low.compareTo(high) > 0) {
                throw new IllegalArgumentException("key interval " + low + ".." + high
                        + " is inverted: low " + low + " is above high " + high);
            }
        }
    }

    /** Every key. */
    public static KeyInterval all() {
        return new KeyInterval(null, null);
    }

    public static KeyInterval closed(Key low, Key high) {
        return new KeyInterval(low, high);
    }

    public static KeyInterval point(Key key) {
        if (key == null) {
            throw new IllegalArgumentException("a point interval needs a key");
        }
        return new KeyInterval(key, key);
    }

    public static KeyInterval atLeast(Key low) {
        return new KeyInterval(low, null);
    }

    public static KeyInterval atMost(Key high) {
        return new KeyInterval(null, high);
    }

    public boolean contains(Key key) {
        return (low == null || low.compareTo(key) <= 0) && (high == null || key.compareTo(high) <= 0);
    }

    public boolean isUnbounded() {
        return low == null && high == null;
    }

    /** The range syntax the command line reads back: {@code LO..HI}, {@code LO..}, {@code ..HI}, {@code ..}. */
    @Override
    public String toString() {
        return (low == null ? "" : low.text()) + ".." + (high == null ? "" : high.text());
    }
}
