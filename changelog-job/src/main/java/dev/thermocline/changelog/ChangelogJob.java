package dev.thermocline.changelog;

import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.deadletter.DeadLetters;
import dev.thermocline.flink.format.CoreTypes;
import dev.thermocline.flink.format.DebeziumChangeJson;
import dev.thermocline.flink.format.ParseFunction;
import dev.thermocline.flink.format.SourceRecord;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.flink.sink.FlinkSink;

/**
 * The changelog job (streaming; bounded for a file source): Debezium change events → parse and
 * validate (bad → dead letters) → event time and watermarks from the changes' timestamps →
 * {@link TagPartitions tag} with the partition under the map in force → {@code changelog}, exactly
 * once through Iceberg's Flink sink, plus {@link ProgressMarker progress} rows, one per source task
 * and checkpoint, that say how far the change log is complete.
 */
public final class ChangelogJob {

    public static final String NAME = "changelog";

    private final Source<SourceRecord, ?, ?> source;
    private final Map<String, TableSpec> tables;
    private final PartitionMapFeed maps;
    private final ChangelogTables sinks;
    private final DeadLetterOutput deadLetters;
    private final ChangelogSettings settings;
    private final Clock clock;

    public ChangelogJob(Source<SourceRecord, ?, ?> source, Map<String, TableSpec> tables, PartitionMapFeed maps,
                        ChangelogTables sinks, DeadLetterOutput deadLetters, ChangelogSettings settings, Clock clock) {
        this.source = Objects.requireNonNull(source, "source is required.");
        this.tables = Map.copyOf(tables);
        this.maps = Objects.requireNonNull(maps, "maps is required.");
        this.sinks = Objects.requireNonNull(sinks, "sinks is required.");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters is required.");
        this.settings = Objects.requireNonNull(settings, "settings is required.");
        this.clock = Objects.requireNonNull(clock, "clock is required.");
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("the changelog job needs at least one configured table");
        }
    }

    public void build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<ChangeRecord> changes = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "change-events").uid("change-events")
                .process(new ParseFunction<>(new DebeziumChangeJson(tables, clock), CoreTypes.changeRecord()))
                .name("parse-changes").uid("parse-changes");
        SingleOutputStreamOperator<ChangeRecord> timed = changes
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<ChangeRecord>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                        .withTimestampAssigner((change, previous) -> change.timestamp().toEpochMilli())
                        .withIdleness(settings.idleness()))
                .name("change-time").uid("change-time");
        SingleOutputStreamOperator<RowData> rows = timed
                .rebalance()
                .process(new TagPartitions(maps, settings.mapPollInterval(), clock))
                .name("tag-partitions").uid("tag-partitions");

        deadLetters.attach(changes.getSideOutput(DeadLetters.TAG).union(rows.getSideOutput(DeadLetters.TAG)));

        FlinkSink.forRowData(rows)
                .tableLoader(sinks.changelog())
                .distributionMode(DistributionMode.HASH)
                .uidPrefix("changelog-sink")
                .append();
        DataStream<RowData> progress = timed
                .transform("changelog-progress", ChangelogProgress.typeInfo(), new ProgressMarker(settings.maxOutOfOrderness()))
                .uid("changelog-progress");
        FlinkSink.forRowData(progress)
                .tableLoader(sinks.progress())
                .distributionMode(DistributionMode.NONE)
                .writeParallelism(1)
                .uidPrefix("changelog-progress-sink")
                .append();
    }
}
