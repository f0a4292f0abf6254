package dev.thermocline.repartition;

import java.time.Instant;

/**
 * What one planning interval of one table did, for logs, the command line and tests (a Flink POJO).
 * {@link #outcome} is one of the {@link Outcome} names.
 */
public class PlanRound {

    /** How an interval ended. */
    public enum Outcome {
        /** No plan (warming up, too little heat, or nothing to change). */
        NO_CHANGE,
        /** A new revision was committed ({@link #committedRevision}). */
        COMMITTED,
        /** The planned revision was already stored, identical: a replay after a restart. Nothing was written twice. */
        ALREADY_STORED,
        /** Another writer had committed first: its revisions were adopted and no revision of ours was committed. */
        ADOPTED
    }

    public String tableName;
    /** The interval's end, epoch millis (event time). */
    public long intervalEnd;
    /** The engine's interval number (0-based). */
    public long intervalIndex;
    public int cells;
    public long accesses;
    public String outcome;
    /** The revision committed in this interval; -1 when none was. */
    public long committedRevision = -1;
    /** The revision in force for the engine after the interval. */
    public long revision;
    /** Stored revisions of other writers (or of an earlier run) the engine adopted in this interval. */
    public int adoptedRevisions;
    /** Commits lost to another writer in this interval. */
    public int conflicts;
    /** The committed revision's reason, or empty. */
    public String detail = "";

    public PlanRound() {}

    public Outcome outcome() {
        return Outcome.valueOf(outcome);
    }

    @Override
    public String toString() {
        String what = switch (outcome()) {
            case COMMITTED -> "committed revision " + committedRevision + " (" + detail + ")";
            case ALREADY_STORED -> "revision " + revision + " was already stored (replay)";
            case ADOPTED -> "adopted revision " + revision + " of another writer";
            case NO_CHANGE -> "no change, revision " + revision;
        };
        return tableName + " @" + Instant.ofEpochMilli(intervalEnd) + " (interval " + intervalIndex + ", " + accesses
                + " accesses): " + what + (conflicts > 0 ? "; " + conflicts + " commit conflict(s)" : "");
    }
}
