package dev.thermocline.core.change;

import java.io.Serializable;

/**
 * Where a change stands in its source's log, which orders changes within a key.
 *
 * @param lsn the source log position (Postgres LSN, MySQL binlog file and offset folded into one
 *     number, or the Kafka offset where the source gives none)
 * @param seq a tie-breaker inside one log position (e.g. the event's index in its transaction)
 */
public record ChangePosition(long lsn, long seq) implements Comparable<ChangePosition>, Serializable {

    public static final ChangePosition ZERO = new ChangePosition(0, 0);

    @Override
    public int compareTo(ChangePosition o) {
        int c = Long.compare(lsn, o.lsn);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
