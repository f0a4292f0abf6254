package dev.thermocline.core.reconstruct;

import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.restore.KeyInterval;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one reconstruction engine backup and restore share: base rows + changes = rows.
 *
 * <p>Per key the state is the change with the greatest position seen so far (last write wins by
 * source log position; a delete leaves a tombstone). Hence a duplicate (same key and position) or
 * any change at or before the state's position is ignored, and the result does not depend on the
 * order changes arrive in: {@link #apply(RowState, ChangeRecord)} is the fold a keyed streaming
 * operator calls per change; {@link #reconstruct} is the batch form.
 *
 * <p>Restricting changes to timestamps in {@code (after, upTo]} gives "the rows as of upTo" from a
 * base taken at {@code after}. This equals replaying all changes with {@code ts <= upTo} from empty
 * as long as, within a key, timestamps do not decrease along positions (true for a source's commit
 * timestamps) — a base holds live rows only, so it cannot veto an older-position change that
 * arrives with a newer timestamp after a delete.
 */
public final class ChangeApplier implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Comparator<RowState> BY_KEY = Comparator.comparing(RowState::key);
    private static final Comparator<ChangeRecord> BY_KEY_THEN_POSITION =
            Comparator.comparing(ChangeRecord::key).thenComparing(ChangeRecord::position);

    /** A key selection that travels with the applier when a job ships it to its workers. */
    @FunctionalInterface
    public interface KeyFilter extends Serializable {
        boolean test(Key key);

        default KeyFilter and(KeyFilter other) {
            return key -> test(key) && other.test(key);
        }
    }

    private final Instant after;
    private final Instant upTo;
    private final KeyFilter keyFilter;

    private ChangeApplier(Instant after, Instant upTo, KeyFilter keyFilter) {
        this.after = after;
        this.upTo = upTo;
        this.keyFilter = keyFilter;
    }

    /** Every change, every key. */
    public static ChangeApplier all() {
        return new ChangeApplier(null, null, k -> true);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The per-key fold: the state after {@code change}, given the state before it (null = never seen).
     * Returns {@code current} unchanged when the change is at or before its position.
     */
    public static RowState apply(RowState current, ChangeRecord change) {
        Objects.requireNonNull(change, "change is required");
        if (current == null) {
            return RowState.of(change);
        }
        if (!current.key().equals(change.key())) {
            throw new IllegalArgumentException(
                    "cannot apply a change of key " + change.key() + " to the state of key " + current.key());
        }
        return change.position().compareTo(current.position()) > 0 ? RowState.of(change) : current;
    }

    /** True when {@code change} falls in this applier's time window and key selection. */
    public boolean accepts(ChangeRecord change) {
        Instant ts = change.timestamp();
        return (after == null || ts.isAfter(after)) && (upTo == null || !ts.isAfter(upTo)) && keyFilter.test(change.key());
    }

    public boolean acceptsKey(Key key) {
        return keyFilter.test(key);
    }

    /**
     * The live rows after applying the accepted {@code changes} to {@code base}, sorted by key:
     * {@link #merge} of the base with the {@link #fold} of the changes. Since the fold keeps, per
     * key, the state with the greatest position, folding the changes first and then meeting the base
     * gives the same rows as applying them to it one by one.
     */
    public List<RowState> reconstruct(Iterable<RowState> base, Iterable<ChangeRecord> changes) {
        return merge(base, fold(changes));
    }

    /**
     * The accepted changes folded per key ({@link #apply} in position order; a duplicate keeps the
     * first), sorted by key: each changed key's state from the changes alone, tombstones included.
     * Its cost follows the number of changes, not the size of the base.
     */
    public List<RowState> fold(Iterable<ChangeRecord> changes) {
        List<ChangeRecord> accepted = new ArrayList<>();
        for (ChangeRecord c : changes) {
            if (accepts(c)) {
                accepted.add(c);
            }
        }
        accepted.sort(BY_KEY_THEN_POSITION);
        List<RowState> folded = new ArrayList<>();
        RowState state = null;
        for (ChangeRecord c : accepted) {
            if (state != null && !state.key().equals(c.key())) {
                folded.add(state);
                state = null;
            }
            state = apply(state, c);
        }
        if (state != null) {
            folded.add(state);
        }
        return folded;
    }

    /**
     * The base rows (any order; selected by this applier's keys) met with {@code folded} (from
     * {@link #fold}): per key the state with the greater position wins, the base on a tie, as a change
     * at or before a state's position is ignored. Returns the live rows sorted by key, in one walk over
     * both sorted sides (the base usually arrives in key order, which the sort finds in one pass).
     */
    public List<RowState> merge(Iterable<RowState> base, List<RowState> folded) {
        List<RowState> rows = new ArrayList<>();
        for (RowState row : base) {
            if (keyFilter.test(row.key())) {
                rows.add(row);
            }
        }
        rows.sort(BY_KEY);
        List<RowState> out = new ArrayList<>(rows.size() + folded.size());
        int b = 0;
        int c = 0;
        while (b < rows.size() || c < folded.size()) {
            Key key = c == folded.size() || (b < rows.size() && rows.get(b).key().compareTo(folded.get(c).key()) <= 0)
                    ? rows.get(b).key() : folded.get(c).key();
            RowState state = null;
            for (; b < rows.size() && rows.get(b).key().equals(key); b++) {
                state = state == null ? rows.get(b) : newer(state, rows.get(b));
            }
            if (c < folded.size() && folded.get(c).key().equals(key)) {
                state = state == null ? folded.get(c) : newer(state, folded.get(c));
                c++;
            }
            if (state.isLive()) {
                out.add(state);
            }
        }
        return out;
    }

    /** As {@link #reconstruct(Iterable, Iterable)} with the base keyed by its rows' keys. */
    public List<RowState> reconstruct(Map<Key, RowState> base, Iterable<ChangeRecord> changes) {
        return reconstruct(base.values(), changes);
    }

    /** Two base states of one key (a duplicated backup row): the later position wins, like a change. */
    private static RowState newer(RowState a, RowState b) {
        return b.position().compareTo(a.position()) > 0 ? b : a;
    }

    @Override
    public String toString() {
        return "ChangeApplier[(" + (after == null ? "-inf" : after) + ", " + (upTo == null ? "+inf" : upTo) + "]]";
    }

    /** Options: a time window {@code (after, upTo]} and a key selection; all optional. */
    public static final class Builder {
        private Instant after;
        private Instant upTo;
        private KeyFilter keyFilter = k -> true;

        private Builder() {}

        /** Only changes with {@code ts > after} (the base's cutoff). */
        public Builder after(Instant after) {
            this.after = after;
            return this;
        }

        /** Only changes with {@code ts <= upTo} (the as-of time). */
        public Builder upTo(Instant upTo) {
            this.upTo = upTo;
            return this;
        }

        /** Only keys in {@code interval} (base rows included). */
        public Builder keysIn(KeyInterval interval) {
            Objects.requireNonNull(interval, "interval is required");
            return keysMatching(interval::contains);
        }

        /** Only keys matching {@code predicate} (base rows included); combines with earlier selections by AND. */
        public Builder keysMatching(KeyFilter predicate) {
            Objects.requireNonNull(predicate, "predicate is required");
            this.keyFilter = this.keyFilter.and(predicate);
            return this;
        }

        public ChangeApplier build() {
            if (after != null && upTo != null && upTo.isBefore(after)) {
                throw new IllegalArgumentException("change window (" + after + ", " + upTo + "] is inverted: "
                        + "upTo " + upTo + " is before after " + after);
            }
            return new ChangeApplier(after, upTo, keyFilter);
        }
    }
}
