package dev.thermocline.core.restore;

import dev.thermocline.core.key.InvalidKeyException;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The text rules documented on {@link RangeSelection}: last {@code @} for time, first {@code ..}, every {@code ,}. */
final class SelectionParser {

    private SelectionParser() {}

    static RangeSelection.Interval parseRange(String text, KeyType type) {
        Objects.requireNonNull(type, "key type is required");
        if (text == null) {
            throw new IllegalArgumentException("range is missing: expected LO..HI, LO.. or ..HI");
        }
        TimeSuffix split = TimeSuffix.split(text, type, "range");
        int dots = split.body().indexOf("..");
        if (dots < 0) {
            throw new IllegalArgumentException("range '" + text + "' has no '..': expected LO..HI, LO.. or ..HI"
                    + " (optionally followed by @TIME)");
        }
        Key low = parseBound(split.body().substring(0, dots), type, text);
        Key high = parseBound(split.body().substring(dots + 2), type, text);
        KeyInterval interval;
        try {
            interval = new KeyInterval(low, high);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("range '" + text + "': " + e.getMessage(), e);
        }
        return new RangeSelection.Interval(interval, split.asOf());
    }

    static RangeSelection.KeyList parseKeys(String text, KeyType type) {
        Objects.requireNonNull(type, "key type is required");
        if (text == null) {
            throw new IllegalArgumentException("key list is missing: expected K1,K2,...");
        }
        TimeSuffix split = TimeSuffix.split(text, type, "key list");
        String[] items = split.body().split(",", -1);
        List<Key> keys = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            if (isEmptyBound(items[i], type)) {
                throw new IllegalArgumentException("key list '" + text + "': key " + (i + 1) + " is empty");
            }
            keys.add(parseKey(items[i], type, "key list '" + text + "'"));
        }
        return new RangeSelection.KeyList(keys, split.asOf());
    }

    private static Key parseBound(String bound, KeyType type, String rangeText) {
        return isEmptyBound(bound, type) ? null : parseKey(bound, type, "range '" + rangeText + "'");
    }

    /** Long bounds are trimmed, so blanks are empty; a string bound is empty only when it has no characters. */
    private static boolean isEmptyBound(String bound, KeyType type) {
        return type == KeyType.LONG ? bound.isBlank() : bound.isEmpty();
    }

    private static Key parseKey(String keyText, KeyType type, String context) {
        try {
            return type.parse(keyText);
        } catch (InvalidKeyException e) {
            throw new InvalidKeyException(context + ": " + e.getMessage());
        }
    }

    /** A selection's text with a trailing {@code @TIME} split off. */
    private record TimeSuffix(String body, Instant asOf) {
        static TimeSuffix split(String text, KeyType type, String what) {
            int at = text.lastIndexOf('@');
            if (at < 0) {
                return new TimeSuffix(text, null);
            }
            String time = text.substring(at + 1);
            if (type == KeyType.STRING && !InstantParser.looksLikeTime(time)) {
                return new TimeSuffix(text, null);
            }
            try {
                return new TimeSuffix(text.substring(0, at), InstantParser.parse(time));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " '" + text + "': " + e.getMessage(), e);
            }
        }
    }
}
