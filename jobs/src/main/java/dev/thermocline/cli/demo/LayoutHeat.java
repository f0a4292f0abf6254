package dev.thermocline.cli.demo;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.workload.GeneratedEvent;
import dev.thermocline.workload.Workload;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a partition map fits the heat: for each partition, its width in keys and its share of the
 * generated accesses in a span of event time — the demo's picture of "before" and "after".
 */
public final class LayoutHeat {

    private static final int BAR = 30;

    private LayoutHeat() {}

    /** Partition key → share of the valid accesses with event time in [from, to) that fall in it. */
    public static Map<String, Double> shares(PartitionMap map, Workload workload, Instant from, Instant to) {
        Map<String, Long> counts = new LinkedHashMap<>();
        map.partitions().forEach(p -> counts.put(p.partitionKey(), 0L));
        long total = 0;
        for (GeneratedEvent e : workload.events()) {
            if (e.kind() != GeneratedEvent.Kind.ACCESS || e.eventTime().isBefore(from) || !e.eventTime().isBefore(to)) {
                continue;
            }
            counts.merge(map.partitionFor(Key.of(Long.parseLong(e.key()))).partitionKey(), 1L, Long::sum);
            total++;
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        long all = Math.max(1, total);
        counts.forEach((k, n) -> shares.put(k, n / (double) all));
        return shares;
    }

    /** One line per partition: key, range, width and a bar of its share. */
    public static void print(PartitionMap map, Map<String, Double> shares, long keyLow, long keyHigh, PrintWriter out) {
        for (Partition p : map.partitions()) {
            long start = p.range().start() == null ? keyLow : Long.parseLong(p.range().start().text());
            long end = p.range().end() == null ? keyHigh : Long.parseLong(p.range().end().text());
            double share = shares.getOrDefault(p.partitionKey(), 0.0);
            int bar = (int) Math.round(share * BAR);
            out.printf(Locale.ROOT, "    %-5s %9d..%-9d %,9d keys wide  %5.1f%% %s%n", p.partitionKey(), start, end - 1,
                    end - start, 100 * share, "#".repeat(bar));
        }
    }
}
