package dev.thermocline.heatmap;

import dev.thermocline.core.access.AccessOp;
import dev.thermocline.core.key.Key;
import dev.thermocline.flink.format.CoreTypes;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * One access with the partition that held its key under the map in force at its event time.
 *
 * @param tableName the protected table
 * @param partitionKey the partition's id
 * @param timestamp event time, epoch millis
 * @param key the accessed key, typed
 * @param op read, write or unspecified
 * @param accessedColumns the columns it touched
 */
public record AccessInPartition(
        String tableName, String partitionKey, long timestamp, Key key, AccessOp op, List<String> accessedColumns) {

    /** Flink's type: a POJO whose {@link Key} field uses {@code KeyTypeInfo}, so nothing falls back to Kryo. */
    public static TypeInformation<AccessInPartition> typeInfo() {
        return CoreTypes.withKeyType(AccessInPartition.class);
    }
}
