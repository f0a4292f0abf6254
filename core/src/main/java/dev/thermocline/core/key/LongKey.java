package dev.thermocline.core.key;

/** A {@code long} key, ordered numerically. */
public record LongKey(long value) implements Key {

    @Override
    public KeyType type() {
        return KeyType.LONG;
    }

    @Override
    public String text() {
        return Long.toString(value);
    }

    @Override
    public int compareTo(Key other) {
        if (!(other instanceof LongKey o)) {
            throw new IllegalArgumentException("cannot compare long key " + value + " with " + other);
        }
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return text();
    }
}
