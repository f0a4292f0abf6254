package dev.thermocline.benchmarks;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.workload.HotspotPhase;
import dev.thermocline.workload.WorkloadSpec;
import java.util.Arrays;
import java.util.List;

/** The access-only workloads the harnesses replay, all over the demo's {@code orders} key domain. */
final class Workloads {

    static final long DOMAIN_LOW = 0;
    static final long DOMAIN_HIGH = 1_000_000;

    private Workloads() {}

    /** The demo's shape: Zipf(1.1) around key 200 000, moving to 700 000 halfway through. */
    static WorkloadSpec movingHotspot(long seed, long accesses) {
        return WorkloadSpec.orders(seed).withEvents(accesses, 0).withInitialRows(0);
    }

    /** Zipf(1.1) around key 300 000 for the whole run. */
    static WorkloadSpec stationaryHotspot(long seed, long accesses) {
        return shaped(seed, accesses, 1.1, List.of(new HotspotPhase(0.0, 300_000)));
    }

    /** Zipf with exponent 0.01 over the whole domain: as good as uniform. */
    static WorkloadSpec nearUniform(long seed, long accesses) {
        return shaped(seed, accesses, 0.01, List.of(new HotspotPhase(0.0, 500_000)));
    }

    private static WorkloadSpec shaped(long seed, long accesses, double zipf, List<HotspotPhase> hotspots) {
        WorkloadSpec o = movingHotspot(seed, accesses);
        return new WorkloadSpec(o.tableName(), o.keyColumn(), o.keyLow(), o.keyHigh(), 0, o.start(), o.duration(),
                accesses, 0, zipf, hotspots, 0, 0, 0, o.outOfOrderShare(), o.maxDisorder(), 0, seed);
    }

    /** The static baseline and the engine's starting point: 16 equal ranges over the domain. */
    static PartitionMap sixteenEqualRanges(WorkloadSpec spec) {
        TableSpec table = new TableSpec(spec.tableName(), spec.keyColumn(), KeyType.LONG,
                new InitialPartitioning.EqualRanges(16, Key.of(DOMAIN_LOW), Key.of(DOMAIN_HIGH)));
        return PartitionMap.initial(table, spec.start());
    }

    static long[] seeds(String arg) {
        return Arrays.stream(arg.split(",")).mapToLong(Long::parseLong).toArray();
    }
}
