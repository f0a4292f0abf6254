package dev.thermocline.flink.format;

/**
 * Names read from a parser's character buffer, returned as one {@code String} instance per distinct
 * name: no copy per record for names seen before, and their hash codes stay cached for the maps they
 * key downstream. Bounded ({@value #MAX_NAMES} names), so a stream of ever-new names cannot grow it;
 * beyond that, names are copied as usual.
 *
 * <p>Racy by design when shared: slots are written without locks, but a {@code String} is safely
 * published through its final fields, so a reader sees a whole name or none, and a lost insert only
 * costs a later copy.
 */
final class CanonicalNames {

    static final int MAX_NAMES = 256;
    private static final int SLOTS = 512; // a power of two, twice MAX_NAMES: probes stay short

    private final String[] slots = new String[SLOTS];
    private int size;

    /** The name {@code chars[offset, offset + length)} spells, or null when it is blank (as {@link String#isBlank}). */
    String get(char[] chars, int offset, int length) {
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[offset + i]; // String.hashCode for Latin-1 and UTF-16 alike
        }
        int mask = SLOTS - 1;
        int slot = (hash ^ (hash >>> 16)) & mask;
        for (int probe = 0; probe < SLOTS; probe++) {
            String name = slots[slot];
            if (name == null) {
                break;
            }
            if (name.hashCode() == hash && sameChars(name, chars, offset, length)) {
                return name;
            }
            slot = (slot + 1) & mask;
        }
        String name = new String(chars, offset, length);
        if (name.isBlank()) {
            return null;
        }
        if (size < MAX_NAMES && slots[slot] == null) {
            slots[slot] = name;
            size++;
        }
        return name;
    }

    static boolean sameChars(String name, char[] chars, int offset, int length) {
        if (name.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (name.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
