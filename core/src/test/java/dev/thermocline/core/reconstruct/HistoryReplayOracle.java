package dev.thermocline.core.reconstruct;

import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.restore.KeyInterval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The definition of a correct restore, written as plainly as possible and not for production: start
 * from nothing, replay every change with {@code ts <= asOf} in position order, keep keys in range.
 * Shares no code with {@link ChangeApplier}.
 */
final class HistoryReplayOracle {

    private HistoryReplayOracle() {}

    static List<RowState> rowsAt(List<ChangeRecord> history, Instant asOf, KeyInterval keys) {
        List<ChangeRecord> counted = new ArrayList<>();
        for (ChangeRecord c : history) {
            if (!c.timestamp().isAfter(asOf)) {
                counted.add(c);
            }
        }
        counted.sort(Comparator.comparing(ChangeRecord::position));
        Map<Key, RowState> table = new TreeMap<>();
        for (ChangeRecord c : counted) {
            if (c.op().upserts()) {
                table.put(c.key(), new RowState(c.key(), c.row(), c.position(), c.timestamp()));
            } else {
                table.remove(c.key());
            }
        }
        List<RowState> out = new ArrayList<>();
        for (RowState row : table.values()) {
            if (keys.contains(row.key())) {
                out.add(row);
            }
        }
        return out;
    }
}
