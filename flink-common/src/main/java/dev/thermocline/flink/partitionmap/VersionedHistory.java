package dev.thermocline.flink.partitionmap;

import dev.thermocline.core.partition.PartitionMapHistory;

/**
 * A table's partition-map history as read at one snapshot of {@code partition_map}: the base a
 * new revision is planned on, and what its commit validates against.
 *
 * @param history the revisions (revision 0 synthesised from configuration when none is stored)
 * @param snapshotId the {@code partition_map} snapshot read; null when the table was empty
 * @param stored false when revision 0 came from configuration and is not stored yet
 */
public record VersionedHistory(PartitionMapHistory history, Long snapshotId, boolean stored) {}
