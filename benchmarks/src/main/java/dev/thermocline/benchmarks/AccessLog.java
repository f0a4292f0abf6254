package dev.thermocline.benchmarks;

import dev.thermocline.workload.GeneratedEvent;
import dev.thermocline.workload.WorkloadGenerator;
import dev.thermocline.workload.WorkloadSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A workload's accessed keys, bucketed into equal intervals of event time. An access whose
 * timestamp lags (the workload sends some out of order) counts in the interval it arrives in, as
 * a streaming job would see it.
 */
record AccessLog(WorkloadSpec spec, Duration interval, List<long[]> intervals) {

    static AccessLog of(WorkloadSpec spec, int intervalCount) {
        Duration interval = spec.duration().dividedBy(intervalCount);
        long[][] keys = new long[intervalCount][16];
        int[] sizes = new int[intervalCount];
        int current = 0;
        WorkloadGenerator generator = new WorkloadGenerator(spec, change -> { });
        while (generator.hasNext()) {
            GeneratedEvent e = generator.next();
            if (e.kind() != GeneratedEvent.Kind.ACCESS) {
                continue;
            }
            long offset = Duration.between(spec.start(), e.eventTime()).toMillis();
            int bucket = (int) Math.min(intervalCount - 1, Math.max(0, offset / interval.toMillis()));
            current = Math.max(current, bucket);
            if (sizes[current] == keys[current].length) {
                keys[current] = Arrays.copyOf(keys[current], keys[current].length * 2);
            }
            keys[current][sizes[current]++] = Long.parseLong(e.key());
        }
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < intervalCount; i++) {
            out.add(Arrays.copyOf(keys[i], sizes[i]));
        }
        return new AccessLog(spec, interval, List.copyOf(out));
    }

    Instant endOf(int i) {
        return spec.start().plus(interval.multipliedBy(i + 1L));
    }

    long accesses() {
        return intervals.stream().mapToLong(k -> k.length).sum();
    }
}
