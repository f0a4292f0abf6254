package dev.thermocline.backup;

import dev.thermocline.core.change.ChangeOp;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.KeyRange;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/**
 * The independent oracle: the rows of a key range as of a cutoff, by replaying the true history
 * from empty — per key the newest change (by position) with ts at or before the cutoff, unless it
 * is a delete. Shares no code with the backup job.
 */
final class ReplayOracle {

    /** A backup row as the oracle and the table both describe it. */
    record Row(String key, String row, long lsn, long seq, Instant ts) {}

    private ReplayOracle() {}

    static List<Row> rows(List<ChangeRecord> history, Instant cutoff, KeyRange range) {
        TreeMap<Key, ChangeRecord> newest = new TreeMap<>();
        for (ChangeRecord c : history) {
            if (!c.timestamp().isAfter(cutoff) && range.contains(c.key())) {
                newest.merge(c.key(), c, (a, b) -> b.position().compareTo(a.position()) > 0 ? b : a);
            }
        }
        return newest.values().stream().filter(c -> c.op() != ChangeOp.DELETE)
                .map(c -> new Row(c.key().text(), c.row(), c.position().lsn(), c.position().seq(), c.timestamp()))
                .toList();
    }
}
