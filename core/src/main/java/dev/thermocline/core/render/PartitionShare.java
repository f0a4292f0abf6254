package dev.thermocline.core.render;

import dev.thermocline.core.partition.KeyRange;

/**
 * One partition's counts within one column of the picture: the exact cell values when the column
 * is the cell's window, the overlapping share of them when columns were merged.
 *
 * @param partitionKey the partition's id
 * @param revision the partition-map revision its range was taken from
 * @param range the partition's key range
 * @param firstBand the lowest band its range covers
 * @param lastBand the highest band its range covers
 */
public record PartitionShare(String partitionKey, long revision, KeyRange range, int firstBand, int lastBand,
                             double accesses, double reads, double writes) {

    PartitionShare plus(double access, double read, double write) {
        return new PartitionShare(partitionKey, revision, range, firstBand, lastBand,
                accesses + access, reads + read, writes + write);
    }
}
