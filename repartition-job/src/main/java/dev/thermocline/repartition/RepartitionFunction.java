package dev.thermocline.repartition;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.repartition.RepartitionEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per table (the key): collects heatmap cells into event-time planning intervals and, when the
 * watermark passes an interval's end, runs the engine on it and commits its plan. State: the engine
 * (heat, forecasts, sketches, current map), the cells of intervals not yet planned, the last planned
 * interval and the newest window end seen. A cell whose interval was already planned counts in the
 * next one; intervals without cells between two with cells are observed as empty (the heat decays).
 * Emits one {@link PlanRound} per table and interval.
 */
final class RepartitionFunction extends KeyedProcessFunction<String, HeatSample, PlanRound> {

    private static final Logger LOG = LoggerFactory.getLogger(RepartitionFunction.class);

    private final PlanCommitterFactory committers;
    private final RepartitionOptions options;
    private final PlanningIntervals intervals;

    private transient ValueState<byte[]> engineState;
    private transient MapState<Long, List<HeatSample>> pending;
    private transient ValueState<Long> lastPlanned;
    private transient ValueState<Long> newestWindowEnd;
    private transient PlanCommitter committer;

    RepartitionFunction(PlanCommitterFactory committers, RepartitionOptions options) {
        this.committers = Objects.requireNonNull(committers, "committers are required.");
        this.options = Objects.requireNonNull(options, "options are required.");
        this.intervals = PlanningIntervals.of(options.interval());
    }

    @Override
    public void open(OpenContext context) {
        engineState = getRuntimeContext().getState(
                new ValueStateDescriptor<>("engine", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-cells", Types.LONG,
                Types.LIST(TypeInformation.of(HeatSample.class))));
        lastPlanned = getRuntimeContext().getState(new ValueStateDescriptor<>("last-planned-interval", Types.LONG));
        newestWindowEnd = getRuntimeContext().getState(new ValueStateDescriptor<>("newest-window-end", Types.LONG));
        committer = committers.open();
    }

    @Override
    public void close() throws Exception {
        if (committer != null) {
            committer.close();
        }
    }

    @Override
    public void processElement(HeatSample sample, Context ctx, Collector<PlanRound> out) throws Exception {
        long end = intervals.endOf(sample.windowEnd);
        Long last = lastPlanned.value();
        if (last != null && end <= last) {
            end = intervals.next(last); // late: its own interval is planned already
        }
        List<HeatSample> cells = pending.get(end);
        if (cells == null) {
            cells = new ArrayList<>();
        }
        cells.add(sample);
        pending.put(end, cells);
        Long newest = newestWindowEnd.value();
        if (newest == null || sample.windowEnd > newest) {
            newestWindowEnd.update(sample.windowEnd);
        }
        ctx.timerService().registerEventTimeTimer(end);
    }

    @Override
    public void onTimer(long end, OnTimerContext ctx, Collector<PlanRound> out) throws Exception {
        byte[] stored = engineState.value();
        RepartitionEngine engine = stored == null ? null : EngineBytes.engine(stored);
        Long last = lastPlanned.value();
        if (last != null) {
            int idle = 0;
            for (long e = intervals.next(last); e < end && idle < options.maxIdleIntervals(); e = intervals.next(e), idle++) {
                engine = plan(engine, ctx.getCurrentKey(), e, List.of(), out);
            }
        }
        List<HeatSample> cells = pending.get(end);
        pending.remove(end);
        engine = plan(engine, ctx.getCurrentKey(), end, cells == null ? List.of() : cells, out);
        engineState.update(EngineBytes.of(engine));
        lastPlanned.update(end);
    }

    /** One interval: catch up with the stored history, observe the cells, commit a plan if there is one. */
    private RepartitionEngine plan(RepartitionEngine engine, String table, long end, List<HeatSample> cells,
                                   Collector<PlanRound> out) throws Exception {
        Instant intervalEnd = Instant.ofEpochMilli(end);
        int adopted = 0;
        if (engine == null) {
            engine = committer.startEngine(table, intervalEnd, options.heat(), options.planner());
        } else {
            adopted = committer.catchUp(engine, intervalEnd);
        }
        // the interval's "now" in event time: its end, or the newest window end when the input ended inside it
        Long newest = newestWindowEnd.value();
        Instant now = newest == null || newest >= end ? intervalEnd : Instant.ofEpochMilli(newest);
        List<HeatmapCell> observed = cells.stream().map(HeatSample::toCell).toList();
        PlanCommitter.Interval interval = committer.observe(engine, observed, now);
        engine = interval.engine();

        PlanRound round = new PlanRound();
        round.tableName = table;
        round.intervalEnd = end;
        round.intervalIndex = engine.intervalsObserved() - 1;
        round.cells = cells.size();
        round.accesses = cells.stream().mapToLong(c -> c.accessCount).sum();
        round.outcome = interval.outcome().name();
        round.revision = engine.currentMap().revision();
        round.adoptedRevisions = adopted + interval.adopted();
        round.conflicts = interval.conflicts();
        interval.committed().ifPresent(d -> {
            round.committedRevision = d.base().revision() + 1;
            round.detail = d.reason();
        });
        if (round.outcome() == PlanRound.Outcome.NO_CHANGE) {
            LOG.debug("{}", round);
        } else {
            LOG.info("{}", round);
        }
        out.collect(round);
        return engine;
    }
}
