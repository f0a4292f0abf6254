package dev.thermocline.cli.partitionmap;

import dev.thermocline.cli.Action;
import dev.thermocline.cli.ActionContext;
import dev.thermocline.cli.ExitCode;
import dev.thermocline.cli.PartitionMapRequest;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;

/**
 * {@code thermocline partition-map}: the revision in force at the requested time, one line per
 * partition with its range and its heat — the accesses the heatmap counted for it in the hour
 * before that time.
 */
public final class PartitionMapAction implements Action<PartitionMapRequest> {

    static final Duration HEAT_WINDOW = Duration.ofHours(1);

    @Override
    public int run(PartitionMapRequest request, ActionContext context) {
        Catalog catalog = IcebergCatalogs.load(context.config().catalogSettings());
        Namespace ns = Namespace.of(context.config().namespace());
        ThermoclineTables.createAll(catalog, ns);
        PartitionMapStore store = new PartitionMapStore(catalog, ns, context.config().tables());
        PartitionMapHistory history = store.load(request.table());
        PartitionMap map = history.mapAt(request.asOf()).orElseThrow(() -> new IllegalArgumentException(
                "no partition map of '" + request.table() + "' is in force at " + request.asOf()));
        Map<String, Long> heat = new RecentHeat(catalog, ns).accessesByPartition(
                request.table(), request.asOf().minus(HEAT_WINDOW), request.asOf());
        print(map, history.revisions().size(), heat, context.out());
        return ExitCode.OK;
    }

    static void print(PartitionMap map, int revisions, Map<String, Long> heat, PrintWriter out) {
        out.printf("table %s: revision %d of %d, in force since %s (%s)%n", map.tableName(), map.revision(),
                revisions, map.validFrom(), map.reason());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"partition", "start (incl.)", "end (excl.)", "accesses last " + HEAT_WINDOW.toHours() + "h"});
        for (Partition p : map.partitions()) {
            rows.add(new String[] {
                p.partitionKey(),
                p.range().start() == null ? "-inf" : p.range().start().text(),
                p.range().end() == null ? "+inf" : p.range().end().text(),
                Long.toString(heat.getOrDefault(p.partitionKey(), 0L))
            });
        }
        int[] width = new int[4];
        rows.forEach(r -> {
            for (int i = 0; i < 4; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        });
        for (String[] r : rows) {
            out.printf("%-" + width[0] + "s  %" + width[1] + "s  %" + width[2] + "s  %" + width[3] + "s%n",
                    (Object[]) r);
        }
        out.flush();
    }
}
