package dev.thermocline.restore;

import dev.thermocline.core.backup.BackupCopy;
import java.io.Serializable;

/**
 * A backup copy and the newest {@code backups} snapshot that still lists it: its files are that
 * snapshot's files of the copy's partition (a later run that replaced the copy no longer holds them).
 */
public record ReadableCopy(BackupCopy copy, long readSnapshot) implements Serializable {}
