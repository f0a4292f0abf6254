package dev.thermocline.core.restore;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A point-in-time restore: the rows of {@code tableName} selected by {@code selections}, each as of
 * its own time or else {@code asOf}. Every change with {@code ts <= asOf} counts.
 *
 * @param tableName the protected table
 * @param asOf the request's as-of time; may be null only when every selection has its own
 * @param selections what to restore, at least one
 */
public record RestoreRequest(String tableName, Instant asOf, List<RangeSelection> selections) implements Serializable {

    public RestoreRequest {
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException("restore needs a table name");
        }
        if (selections == null || selections.isEmpty()) {
            throw new IllegalArgumentException("restore of '" + tableName + "' needs at least one --range or --keys");
        }
        selections = List.copyOf(selections);
        KeyType seen = null;
        Key seenKey = null;
        for (RangeSelection s : selections) {
            Objects.requireNonNull(s, "restore of '" + tableName + "': a selection is null");
            if (asOf == null && s.asOf() == null) {
                throw new IllegalArgumentException("restore of '" + tableName + "' needs --as-of: selection "
                        + s + " has no @TIME of its own");
            }
            for (KeyInterval i : s.intervals()) {
                for (Key k : new Key[] {i.low(), i.high()}) {
                    if (k == null) {
                        continue;
                    }
                    if (seen != null && k.type() != seen) {
                        throw new IllegalArgumentException("restore of '" + tableName + "' mixes "
                                + seen.configName() + " key " + seenKey + " with " + k.type().configName() + " key " + k);
                    }
                    seen = k.type();
                    seenKey = k;
                }
            }
        }
    }

    /** The as-of time that governs {@code selection}: its own, else the request's. */
    public Instant effectiveAsOf(RangeSelection selection) {
        return selection.effectiveAsOf(asOf);
    }

    /** The latest effective as-of over all selections (the newest data any selection needs). */
    public Instant latestAsOf() {
        return selections.stream().map(this::effectiveAsOf).max(Instant::compareTo).orElseThrow();
    }

    /** The earliest effective as-of over all selections (the oldest data any selection needs). */
    public Instant earliestAsOf() {
        return selections.stream().map(this::effectiveAsOf).min(Instant::compareTo).orElseThrow();
    }
}
