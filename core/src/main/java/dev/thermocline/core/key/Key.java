package dev.thermocline.core.key;

import java.io.Serializable;

/**
 * A typed key value of a range-partitioned table. Keys of one table share one {@link KeyType};
 * comparing keys of different types is a programming error.
 */
public sealed interface Key extends Comparable<Key>, Serializable permits LongKey, StringKey {

    KeyType type();

    /** The canonical text form, which {@link KeyType#parse(String)} reads back. */
    String text();

    static Key of(long value) {
        return new LongKey(value);
    }

    static Key of(String value) {
        return new StringKey(value);
    }
}
