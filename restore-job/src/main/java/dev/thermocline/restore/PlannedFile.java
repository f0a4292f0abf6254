package dev.thermocline.restore;

import java.io.Serializable;

/**
 * A data file a restore reads, with what its metadata promises: the reader checks it gets exactly
 * {@code records} rows and fails loudly otherwise.
 *
 * @param location the file's location in the table's FileIO
 * @param records rows in the file
 * @param bytes file size
 * @param readBytes what reading it takes: the size less the column chunks restore does not project
 *     (from the column sizes in the metadata)
 * @param partitionKey the Thermocline partition the file belongs to (its {@code partition_key})
 */
public record PlannedFile(String location, long records, long bytes, long readBytes, String partitionKey) implements Serializable {}
