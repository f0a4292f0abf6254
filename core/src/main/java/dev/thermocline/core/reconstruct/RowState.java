package dev.thermocline.core.reconstruct;

import dev.thermocline.core.change.ChangePosition;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * The state of one key after the changes applied so far: a live row, or a tombstone
 * ({@code row == null}) that remembers where the delete stood so older changes stay ignored.
 *
 * @param key the row's key
 * @param row the after-image as canonical JSON text; null when deleted
 * @param position the position of the change that produced this state
 * @param timestamp that change's timestamp
 */
public record RowState(Key key, String row, ChangePosition position, Instant timestamp) implements Serializable {

    public RowState {
        // explicit checks: a message built per row (as requireNonNull's argument) was a visible share of a restore
        Objects.requireNonNull(key, "row state: key is required");
        if (position == null) {
            throw new NullPointerException("row state of key " + key + ": position is required");
        }
        if (timestamp == null) {
            throw new NullPointerException("row state of key " + key + ": timestamp is required");
        }
    }

    public static RowState live(Key key, String row, ChangePosition position, Instant timestamp) {
        if (row == null) {
            throw new NullPointerException("live row of key " + key + ": row is required");
        }
        return new RowState(key, row, position, timestamp);
    }

    /** The state {@code change} leaves behind on its own. */
    public static RowState of(ChangeRecord change) {
        return new RowState(change.key(), change.row(), change.position(), change.timestamp());
    }

    public boolean isLive() {
        return row != null;
    }
}
