package dev.thermocline.core.restore;

import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.reconstruct.RowState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The guarantee, written plainly and sharing no code with the planner or the engine: from empty
 * state, replay every change with ts at or before the as-of time in position order, keep the keys asked.
 */
final class ReplayOracle {

    private ReplayOracle() {}

    static List<RowState> rowsAt(List<ChangeRecord> history, Instant asOf, Predicate<Key> keys) {
        List<ChangeRecord> counted = new ArrayList<>();
        for (ChangeRecord c : history) {
            if (!c.timestamp().isAfter(asOf)) {
                counted.add(c);
            }
        }
        counted.sort(Comparator.comparing(ChangeRecord::position));
        TreeMap<Key, RowState> table = new TreeMap<>();
        for (ChangeRecord c : counted) {
            if (c.op().upserts()) {
                table.put(c.key(), new RowState(c.key(), c.row(), c.position(), c.timestamp()));
            } else {
                table.remove(c.key());
            }
        }
        List<RowState> out = new ArrayList<>();
        for (RowState r : table.values()) {
            if (keys.test(r.key())) {
                out.add(r);
            }
        }
        return out;
    }
}
