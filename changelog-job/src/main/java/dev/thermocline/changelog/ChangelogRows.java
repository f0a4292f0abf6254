package dev.thermocline.changelog;

import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.flink.FlinkSchemaUtil;

/**
 * One change as a row of the {@code changelog} table (see {@link ThermoclineTables#changelog()}):
 * {@code table_name, partition_key, key, key_long, op, lsn, seq, ts, row}.
 */
public final class ChangelogRows {

    /** The Flink row type of {@code changelog}, in schema order. */
    public static final RowType ROW_TYPE = FlinkSchemaUtil.convert(ThermoclineTables.changelog().schema());

    private ChangelogRows() {}

    public static TypeInformation<RowData> typeInfo() {
        return InternalTypeInfo.of(ROW_TYPE);
    }

    /** {@code change}, tagged with the partition that held its key when it was captured. */
    public static RowData of(ChangeRecord change, String partitionKey) {
        return GenericRowData.of(
                StringData.fromString(change.tableName()),
                StringData.fromString(partitionKey),
                StringData.fromString(change.key().text()),
                change.key() instanceof LongKey l ? l.value() : null,
                StringData.fromString(change.op().code()),
                change.position().lsn(),
                change.position().seq(),
                TimestampData.fromInstant(change.timestamp()),
                change.row() == null ? null : StringData.fromString(change.row()));
    }
}
