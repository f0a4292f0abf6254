package dev.thermocline.repartition;

import java.util.Objects;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Dynamic Partitioning Engine as a Flink job: heatmap cells → event time (window ends) → keyed
 * by table → per planning interval the engine in {@code core} observes the interval's cells and,
 * when it plans, the new revision goes to {@code partition_map} and its decisions to
 * {@code split_requests} ({@link PlanCommitter}). The heatmap input and the committer come in
 * through the constructor; {@link #build} returns the per-interval reports for the caller to log,
 * print or collect.
 *
 * <p>A bounded input ({@code --once}) runs in batch mode: Flink sorts by table and fires each table's
 * interval timers in time order at the end, so every cell counts in its own interval whatever order
 * the files were read in, and the job decides what an in-order streaming run would have.
 */
public final class RepartitionJob {

    public static final String NAME = "thermocline-repartition";

    private final HeatmapInput heatmap;
    private final PlanCommitterFactory committers;
    private final RepartitionOptions options;

    public RepartitionJob(HeatmapInput heatmap, PlanCommitterFactory committers, RepartitionOptions options) {
        this.heatmap = Objects.requireNonNull(heatmap, "heatmap input is required.");
        this.committers = Objects.requireNonNull(committers, "committers are required.");
        this.options = Objects.requireNonNull(options, "options are required.");
    }

    /** Adds the pipeline to {@code env} and returns one {@link PlanRound} per table and interval; the caller executes. */
    public DataStream<PlanRound> build(StreamExecutionEnvironment env) {
        env.setRuntimeMode(heatmap.bounded() ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING);
        DataStream<HeatSample> read = heatmap.read(env);
        // at the input's parallelism, chained to it: a watermark subtask without cells would hold back every interval
        DataStream<HeatSample> cells = read
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<HeatSample>forBoundedOutOfOrderness(options.maxOutOfOrderness())
                        .withTimestampAssigner((cell, previous) -> cell.windowEnd))
                .name("event-time").uid("event-time").setParallelism(read.getParallelism());
        return cells
                .keyBy((KeySelector<HeatSample, String>) cell -> cell.tableName, Types.STRING)
                .process(new RepartitionFunction(committers, options), TypeInformation.of(PlanRound.class))
                .name("plan-and-commit").uid("plan-and-commit");
    }
}
