package dev.thermocline.benchmarks.restore;

import dev.thermocline.benchmarks.Replay;
import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.repartition.HeatSettings;
import dev.thermocline.core.repartition.PlannerSettings;
import dev.thermocline.core.repartition.RepartitionEngine;
import dev.thermocline.workload.GeneratedEvent;
import dev.thermocline.workload.WorkloadGenerator;
import dev.thermocline.workload.WorkloadSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The adaptive layout as the product makes it: core's {@link RepartitionEngine} fed once per
 * interval with that interval's heatmap cells (access count + key sketch per partition, accesses
 * and changes alike, the initial snapshot excluded), as the repartition job feeds it from the
 * {@code heatmap} table. Every revision it makes is returned, valid from the end of its interval.
 */
final class EngineLayout {

    private EngineLayout() {}

    static List<PartitionMap> revisions(WorkloadSpec spec, PartitionMap initial, int intervals, PlannerSettings settings) {
        RepartitionEngine engine = new RepartitionEngine(initial, HeatSettings.defaults(), settings);
        List<PartitionMap> out = new ArrayList<>(List.of(initial));
        long start = spec.start().toEpochMilli();
        long length = spec.duration().toMillis();
        long[] keys = new long[1 << 16];
        int n = 0;
        int interval = 0;
        long snapshot = spec.initialRows();
        WorkloadGenerator events = new WorkloadGenerator(spec, c -> { });
        while (events.hasNext()) {
            GeneratedEvent e = events.next();
            if (snapshot > 0 && e.kind() == GeneratedEvent.Kind.CHANGE) {
                snapshot--; // the initial snapshot is not heat
                continue;
            }
            if (e.key() == null || e.kind().isBad()) {
                continue;
            }
            int at = (int) Math.min(intervals - 1, Math.max(0, (e.eventTime().toEpochMilli() - start) * intervals / length));
            while (interval < at) {
                observe(engine, out, Arrays.copyOf(keys, n), end(spec, interval++, intervals));
                n = 0;
            }
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
            }
            keys[n++] = Long.parseLong(e.key());
        }
        while (interval < intervals) {
            observe(engine, out, Arrays.copyOf(keys, n), end(spec, interval++, intervals));
            n = 0;
        }
        return out;
    }

    private static Instant end(WorkloadSpec spec, int interval, int intervals) {
        return spec.start().plusMillis(spec.duration().toMillis() * (interval + 1) / intervals);
    }

    private static void observe(RepartitionEngine engine, List<PartitionMap> out, long[] keys, Instant end) {
        List<HeatmapCell> cells = Replay.cells(engine.currentMap(), keys, end);
        if (engine.onInterval(cells, end).isPresent()) {
            out.add(engine.currentMap());
        }
    }
}
