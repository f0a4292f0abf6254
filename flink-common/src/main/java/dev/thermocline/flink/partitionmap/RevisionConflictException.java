package dev.thermocline.flink.partitionmap;

/**
 * Another committer added a revision of the same table after ours was planned: reload, re-plan,
 * and try again. Nothing of ours was committed.
 */
public class RevisionConflictException extends RuntimeException {
    public RevisionConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
