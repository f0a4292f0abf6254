package dev.thermocline.heatmap;

import dev.thermocline.core.access.AccessRecord;
import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.deadletter.DeadLetters;
import dev.thermocline.flink.format.AccessRecordJson;
import dev.thermocline.flink.format.CoreTypes;
import dev.thermocline.flink.format.ParseFunction;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The Access Pattern Analyzer: access log → parse (bad → dead letters) → partition under the map in
 * force at each access's event time (maps re-read as revisions land) → event-time watermarks →
 * in-memory pre-aggregation (late → dead letters) → tumbling windows keyed by (table, partition) on
 * RocksDB, one final cell each → {@code heatmap}. Sources and sinks come in through the constructor;
 * the logic lives in {@code core} ({@code CellAggregate}, {@code PartitionMapHistory}).
 */
public final class HeatmapJob {

    public static final String NAME = "thermocline-heatmap";
    static final TypeInformation<HeatmapCell> CELL = TypeInformation.of(HeatmapCell.class);
    private static final OutputTag<HeatmapCell> LATE_CELLS = new OutputTag<>("late-cells", CELL);

    private final HeatmapInputs inputs;
    private final HeatmapOutputs outputs;
    private final HeatmapJobOptions options;
    private final Clock clock;

    public HeatmapJob(HeatmapInputs inputs, HeatmapOutputs outputs, HeatmapJobOptions options, Clock clock) {
        this.inputs = Objects.requireNonNull(inputs, "inputs are required.");
        this.outputs = Objects.requireNonNull(outputs, "outputs are required.");
        this.options = Objects.requireNonNull(options, "options are required.");
        this.clock = Objects.requireNonNull(clock, "clock is required.");
    }

    /** Adds the job's pipeline to {@code env}; the caller executes it. */
    public void build(StreamExecutionEnvironment env) {
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING); // a bounded backfill too: same lateness, checkpoints, commits
        env.getConfig().enableObjectReuse(); // every record type here is immutable
        Map<String, KeyType> keyTypes = keyTypes(inputs.tables());

        SingleOutputStreamOperator<AccessRecord> parsed = env
                .fromSource(inputs.accessLog(), WatermarkStrategy.noWatermarks(), "access-log").uid("access-log")
                .process(new ParseFunction<>(new AccessRecordJson(inputs.tables(), clock, options.maxRecordBytes()),
                        CoreTypes.accessRecord())).name("parse").uid("parse");
        SingleOutputStreamOperator<AccessInPartition> assigned = parsed
                .process(new AssignPartitions(inputs.partitionMaps(), inputs.partitionMapReader(),
                        options.mapPollInterval(), clock, options.maxFutureSkew()), AccessInPartition.typeInfo())
                .name("assign-partition").uid("assign-partition");
        SingleOutputStreamOperator<HeatmapCell> partials = assigned
                .assignTimestampsAndWatermarks(AccessWatermarks.strategy(options)).name("event-time").uid("event-time")
                .transform("pre-aggregate", CELL, new PreAggregateCells(options, keyTypes, clock)).uid("pre-aggregate");
        SingleOutputStreamOperator<HeatmapCell> cells = partials
                .keyBy(CellId::of, CellId.typeInfo())
                .window(TumblingEventTimeWindows.of(options.window()))
                .allowedLateness(options.allowedLateness())
                .trigger(new FireWhenLatenessEnds(options.allowedLateness()))
                .sideOutputLateData(LATE_CELLS)
                .reduce(new MergeCells(keyTypes))
                .name("heatmap-window").uid("heatmap-window");

        outputs.heatmap().attach(cells);
        outputs.deadLetters().attach(parsed.getSideOutput(DeadLetters.TAG).union(
                assigned.getSideOutput(DeadLetters.TAG),
                partials.getSideOutput(DeadLetters.TAG),
                cells.getSideOutput(LATE_CELLS).map(new LateCells(clock)).returns(DeadLetters.TYPE)
                        .name("late-cells").uid("late-cells")));
    }

    private static Map<String, KeyType> keyTypes(Map<String, TableSpec> tables) {
        Map<String, KeyType> types = new HashMap<>();
        tables.forEach((name, spec) -> types.put(name, spec.keyType()));
        return types;
    }
}
