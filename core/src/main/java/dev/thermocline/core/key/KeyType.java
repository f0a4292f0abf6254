package dev.thermocline.core.key;

import java.util.Locale;

/** How a table's key column is typed and ordered: {@code long} numerically, {@code string} by UTF-8 bytes. */
public enum KeyType {
    LONG,
    STRING;

    /** Parses the configuration name ({@code long} or {@code string}, any case). */
    public static KeyType fromName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("key-type is required (long or string)");
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "long" -> LONG;
            case "string" -> STRING;
            default -> throw new IllegalArgumentException(
                    "unknown key-type '" + name + "': expected long or string");
        };
    }

    /** Parses a key's text form into a key of this type, naming the offending text on failure. */
    public Key parse(String text) {
        if (text == null) {
            throw new InvalidKeyException("key is missing");
        }
        if (this == STRING) {
            return new StringKey(text);
        }
        try {
            return new LongKey(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            throw new InvalidKeyException("key '" + text + "' is not a long");
        }
    }

    /** The configuration name: {@code long} or {@code string}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
