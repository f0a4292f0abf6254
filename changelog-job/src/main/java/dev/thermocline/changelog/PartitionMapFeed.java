package dev.thermocline.changelog;

import dev.thermocline.core.partition.PartitionMapHistory;
import java.io.Serializable;
import java.util.Map;

/**
 * Where a running job learns the partition maps: asked on each task when it opens and again every
 * poll interval, so a new revision is picked up without a restart. Histories only grow (a revision
 * is appended, never changed), so asking again is always safe.
 */
public interface PartitionMapFeed extends Serializable {

    /** The current history of every table the feed serves, by table name. */
    Map<String, PartitionMapHistory> current() throws Exception;

    /** Releases what {@link #current} opened (e.g. a catalog connection pool). */
    default void close() throws Exception {}

    /** Always the same histories: for tests and for tables whose map never changes. */
    static PartitionMapFeed fixed(Map<String, PartitionMapHistory> histories) {
        Map<String, PartitionMapHistory> copy = Map.copyOf(histories);
        return () -> copy;
    }
}
