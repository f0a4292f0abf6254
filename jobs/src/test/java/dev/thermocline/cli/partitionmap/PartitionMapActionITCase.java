package dev.thermocline.cli.partitionmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.cli.ActionContext;
import dev.thermocline.cli.PartitionMapRequest;
import dev.thermocline.cli.testing.OrdersConfig;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.iceberg.GenericRowsWriter;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import dev.thermocline.flink.partitionmap.VersionedHistory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionMapActionITCase {

    private static final Instant SPLIT_AT = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    static Path wd;

    static ThermoclineConfig config;

    @BeforeAll
    static void warehouse() {
        config = OrdersConfig.in(wd);
        Catalog catalog = IcebergCatalogs.load(config.catalogSettings());
        Namespace ns = Namespace.of(config.namespace());
        ThermoclineTables.createAll(catalog, ns);
        PartitionMapStore store = new PartitionMapStore(catalog, ns, config.tables());
        VersionedHistory base = store.loadVersioned("orders");
        store.commit(base, base.history().latest().orElseThrow().split("p1", Key.of(300), SPLIT_AT, "hot p1"), Map.of());

        Table heatmap = catalog.loadTable(TableIdentifier.of(ns, "heatmap"));
        List<Record> cells = new ArrayList<>();
        cells.add(cell(heatmap, "p1", SPLIT_AT.plusSeconds(60), 7));
        cells.add(cell(heatmap, "p1", SPLIT_AT.plusSeconds(120), 5));
        cells.add(cell(heatmap, "p4", SPLIT_AT.plusSeconds(120), 40));
        cells.add(cell(heatmap, "p4", SPLIT_AT.minusSeconds(7200), 1000)); // outside the hour
        AppendFiles append = heatmap.newAppend();
        GenericRowsWriter.write(heatmap, cells).forEach(append::appendFile);
        append.commit();
    }

    @Test
    void printsTheRevisionInForceWithRecentHeat() {
        String out = run(SPLIT_AT.plusSeconds(180));
        assertThat(out.lines()).containsExactly(
                "table orders: revision 1 of 2, in force since 2026-11-24T10:00:00Z (hot p1)",
                "partition  start (incl.)  end (excl.)  accesses last 1h",
                "p0                  -inf          250                 0",
                "p1                   250          300                12",
                "p4                   300          500                40",
                "p2                   500          750                 0",
                "p3                   750         +inf                 0");
    }

    @Test
    void beforeTheSplitTheInitialMapIsInForce() {
        String out = run(SPLIT_AT.minusMillis(1));
        assertThat(out.lines().findFirst().orElseThrow()).startsWith("table orders: revision 0 of 2");
        assertThat(out.lines()).hasSize(2 + 4);
    }

    private static String run(Instant asOf) {
        StringWriter out = new StringWriter();
        new PartitionMapAction().run(new PartitionMapRequest("orders", asOf),
                new ActionContext(config, new PrintWriter(out), new PrintWriter(new StringWriter()), Clock.systemUTC(), wd));
        return out.toString();
    }

    private static Record cell(Table heatmap, String partition, Instant windowEnd, long accesses) {
        GenericRecord r = GenericRecord.create(heatmap.schema());
        r.setField("window_start", OffsetDateTime.ofInstant(windowEnd.minusSeconds(60), ZoneOffset.UTC));
        r.setField("window_end", OffsetDateTime.ofInstant(windowEnd, ZoneOffset.UTC));
        r.setField("table_name", "orders");
        r.setField("partition_key", partition);
        r.setField("access_count", accesses);
        r.setField("read_count", accesses);
        r.setField("write_count", 0L);
        return r;
    }
}
