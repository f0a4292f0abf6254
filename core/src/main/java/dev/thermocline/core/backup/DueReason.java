package dev.thermocline.core.backup;

/** Why a partition gets a new backup copy in a run. */
public enum DueReason {
    /** No copy covers any of its keys yet: built from the change log alone. */
    FIRST_COPY,
    /** Its range is new in the partition map (a split child, a merged union): rewritten from the copies it replaces. */
    LAYOUT_CHANGED,
    /** Asked for by name. */
    ON_DEMAND,
    /** The changes since its copy passed the volume threshold. */
    VOLUME,
    /** Its change rate rose sharply against the window before its copy. */
    RATE_SHIFT,
    /** Its heat times the changes a restore would replay passed the restore-cost threshold. */
    RESTORE_COST,
    /** Its copy is older than the maximum age and something changed since. */
    AGE
}
