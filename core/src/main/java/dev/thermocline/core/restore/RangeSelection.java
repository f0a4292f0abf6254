package dev.thermocline.core.restore;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a restore asks for: one key interval ({@code --range}) or a list of keys ({@code --keys}),
 * each optionally with its own as-of time that overrides the request's.
 *
 * <p>Text syntax: {@code LO..HI}, {@code LO..}, {@code ..HI}, {@code ..} (inclusive, open ends) and
 * {@code K1,K2,...}, each optionally followed by {@code @TIME} (see {@link InstantParser}).
 *
 * <p>String keys may themselves contain {@code ..}, {@code @} and {@code ,}; the rules are:
 * <ul>
 *   <li>{@code @TIME}: the text after the <em>last</em> {@code @} is the as-of time. For long keys
 *       always; for string keys only when it looks like a time (digits only, or starting like
 *       {@code yyyy-mm-ddT}), otherwise the {@code @} belongs to the key (so {@code a@x.com..b@y.com}
 *       works). A string key that itself ends in {@code @digits} needs an explicit {@code @TIME}
 *       suffix after it.
 *   <li>range: split at the <em>first</em> {@code ..}; a low key cannot contain {@code ..}, a high
 *       key can.
 *   <li>key list: split at every {@code ,}; string keys in a list cannot contain {@code ,}.
 *   <li>long keys are trimmed; string keys are taken verbatim.
 * </ul>
 */
public sealed interface RangeSelection extends Serializable permits RangeSelection.Interval, RangeSelection.KeyList {

    /** This selection's own as-of time, or null when the request's applies. */
    Instant asOf();

    /** The key intervals this selection covers (single keys as point intervals), in key order. */
    List<KeyInterval> intervals();

    boolean contains(Key key);

    /** The as-of time that governs this selection: its own, else the request's. */
    default Instant effectiveAsOf(Instant requestAsOf) {
        return asOf() != null ? asOf() : requestAsOf;
    }

    /** An inclusive key interval, e.g. {@code --range 10400..10599}. */
    record Interval(KeyInterval interval, Instant asOf) implements RangeSelection {
        public Interval {
            Objects.requireNonNull(interval, "interval is required");
        }

        @Override
        public List<KeyInterval> intervals() {
            return List.of(interval);
        }

        @Override
        public boolean contains(Key key) {
            return interval.contains(key);
        }

        @Override
        public String toString() {
            return interval + (asOf == null ? "" : "@" + asOf);
        }
    }

    /** Distinct keys, kept in key order, e.g. {@code --keys 7,42,1001}. */
    record KeyList(List<Key> keys, Instant asOf) implements RangeSelection {
        public KeyList {
            if (keys == null || keys.isEmpty()) {
                throw new IllegalArgumentException("a key list needs at least one key");
            }
            KeyType type = keys.get(0).type();
            for (Key k : keys) {
                if (k.type() != type) {
                    throw new IllegalArgumentException("key list mixes " + type.configName() + " and "
                            + k.type().configName() + " keys (" + keys.get(0) + ", " + k + ")");
                }
            }
            keys = List.copyOf(new TreeSet<>(keys));
        }

        @Override
        public List<KeyInterval> intervals() {
            return keys.stream().map(KeyInterval::point).toList();
        }

        @Override
        public boolean contains(Key key) {
            return key.type() == keys.get(0).type() && keys.contains(key);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (Key k : keys) {
                sb.append(sb.length() == 0 ? "" : ",").append(k.text());
            }
            return sb + (asOf == null ? "" : "@" + asOf);
        }
    }

    /** Parses {@code LO..HI}, {@code LO..}, {@code ..HI} or {@code ..}, optionally followed by {@code @TIME}. */
    static Interval parseRange(String text, KeyType type) {
        return SelectionParser.parseRange(text, type);
    }

    /** Parses {@code K1,K2,...}, optionally followed by {@code @TIME}. */
    static KeyList parseKeys(String text, KeyType type) {
        return SelectionParser.parseKeys(text, type);
    }
}
