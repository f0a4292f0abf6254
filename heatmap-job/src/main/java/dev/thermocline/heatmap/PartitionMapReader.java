package dev.thermocline.heatmap;

import dev.thermocline.core.partition.PartitionMapHistory;
import java.io.Serializable;
import java.util.Map;

/**
 * Reads the current partition-map history of every protected table. Shipped to each partition
 * assigner, which calls it when it opens and then every poll interval from a background thread.
 */
@FunctionalInterface
public interface PartitionMapReader extends Serializable, AutoCloseable {

    /** Each table's history; may throw when the store is unreachable (the assigner keeps what it has). */
    Map<String, PartitionMapHistory> read();

    @Override
    default void close() throws Exception {}
}
