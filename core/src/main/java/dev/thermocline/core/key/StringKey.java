package dev.thermocline.core.key;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** A {@code string} key, ordered by its UTF-8 bytes compared unsigned (as databases order binary keys). */
public record StringKey(String value) implements Key {

    public StringKey {
        Objects.requireNonNull(value, "string key value is required");
    }

    @Override
    public KeyType type() {
        return KeyType.STRING;
    }

    @Override
    public String text() {
        return value;
    }

    @Override
    public int compareTo(Key other) {
        if (!(other instanceof StringKey o)) {
            throw new IllegalArgumentException("cannot compare string key '" + value + "' with " + other);
        }
        return Arrays.compareUnsigned(
                value.getBytes(StandardCharsets.UTF_8), o.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return value;
    }
}
