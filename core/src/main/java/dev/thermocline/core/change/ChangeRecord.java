package dev.thermocline.core.change;

import dev.thermocline.core.key.Key;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One change to one row, as the change log keeps it.
 *
 * @param tableName the protected table
 * @param key the row's key
 * @param op what happened
 * @param position the source log position; orders changes of one key
 * @param timestamp when the change was committed at the source ({@code source.ts_ms})
 * @param row the after-image as canonical JSON text; null for a delete
 */
public record ChangeRecord(
        String tableName, Key key, ChangeOp op, ChangePosition position, Instant timestamp, String row)
        implements Serializable {

    public ChangeRecord {
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException("table name is required");
        }
        Objects.requireNonNull(key, "key is required");
        Objects.requireNonNull(op, "op is required");
        Objects.requireNonNull(position, "position is required");
        Objects.requireNonNull(timestamp, "timestamp is required");
        if (op.upserts() && row == null) {
            throw new IllegalArgumentException("a '" + op.code() + "' change of key " + key + " needs an after-image");
        }
        if (!op.upserts()) {
            row = null;
        }
    }
}
