package dev.thermocline.cli.repartition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.cli.ActionContext;
import dev.thermocline.cli.ExitCode;
import dev.thermocline.cli.JobKind;
import dev.thermocline.cli.JobSource;
import dev.thermocline.cli.RunJobRequest;
import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.config.ConfigSources;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.iceberg.GenericRowsWriter;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code thermocline run repartition --once} on the embedded Flink over a real local warehouse. */
class RunRepartitionActionITCase {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path wd;

    @Test
    void onceCommitsRevisionsForAHotspotAndSummarisesEachTable() throws Exception {
        ThermoclineConfig config = config();
        Catalog catalog = writeHotspotHeatmap(config);

        StringWriter out = new StringWriter();
        int exit = new RunRepartitionAction().run(request(new JobSource.Kafka()), context(config, out));

        PartitionMapHistory history = new PartitionMapStore(catalog, Namespace.of(config.namespace()), config.tables())
                .load("orders");
        long revision = history.latest().orElseThrow().revision();
        assertThat(exit).isEqualTo(ExitCode.OK);
        assertThat(revision).as("the hotspot in p4 was split").isPositive();
        assertThat(out.toString().lines()).contains(
                "orders: 6 interval(s) planned up to 2026-11-24T10:06:00Z; revision " + revision + " in force, "
                        + revision + " committed by this run",
                "customers: no heatmap cells, nothing to plan");
        assertThat(out.toString()).contains("orders @2026-11-24T10:03:00Z (interval 2, 2800 accesses): committed revision 1");
    }

    @Test
    void theConfiguredIntervalAndPartitionBoundChangeWhatIsPlanned() throws Exception {
        // the same heatmap; two-minute intervals, and no more partitions than the 8 there are: nothing may split
        ThermoclineConfig config = config("repartition: {interval: 2m, max-partitions: 8}\n");
        Catalog catalog = writeHotspotHeatmap(config);

        StringWriter out = new StringWriter();
        int exit = new RunRepartitionAction().run(request(new JobSource.Kafka()), context(config, out));

        assertThat(exit).isEqualTo(ExitCode.OK);
        assertThat(out.toString().lines()).contains(
                "orders: 3 interval(s) planned up to 2026-11-24T10:06:00Z; revision 0 in force, 0 committed by this run");
        assertThat(new PartitionMapStore(catalog, Namespace.of(config.namespace()), config.tables()).load("orders")
                .latest().orElseThrow().revision()).isZero();
    }

    private static Catalog writeHotspotHeatmap(ThermoclineConfig config) {
        Catalog catalog = IcebergCatalogs.load(config.catalogSettings());
        Namespace ns = Namespace.of(config.namespace());
        ThermoclineTables.createAll(catalog, ns);
        PartitionMap initial = new PartitionMapStore(catalog, ns, config.tables()).load("orders").latest().orElseThrow();
        Table heatmap = catalog.loadTable(TableIdentifier.of(ns, ThermoclineTables.HEATMAP));
        List<Record> cells = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            cells.addAll(window(heatmap, initial, w));
        }
        AppendFiles append = heatmap.newAppend();
        GenericRowsWriter.write(heatmap, cells).forEach(append::appendFile);
        append.commit();
        return catalog;
    }

    @Test
    void aFileSourceIsRefusedBeforeAnythingRuns() throws Exception {
        Path file = Files.writeString(wd.resolve("cells.jsonl"), "{}\n");
        assertThatThrownBy(() -> new RunRepartitionAction().run(request(new JobSource.JsonLinesFile(file)),
                context(config(), new StringWriter())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reads the heatmap table, not a file");
    }

    private ThermoclineConfig config() throws Exception {
        return config("");
    }

    private ThermoclineConfig config(String extra) throws Exception {
        Path file = Files.writeString(wd.resolve("thermocline.yaml"), "warehouse: " + wd.resolve("warehouse") + "\n"
                + extra
                + "tables:\n"
                + "  orders: {key: id, key-type: long, key-domain: [0, 1000000], initial-partitions: 8}\n"
                + "  customers: {key: email, key-type: string, boundaries: [g, n, t]}\n");
        return ThermoclineConfig.load(ConfigSources.in(wd).withConfigFile(file));
    }

    private ActionContext context(ThermoclineConfig config, StringWriter out) {
        return new ActionContext(config, new PrintWriter(out), new PrintWriter(new StringWriter()), Clock.systemUTC(), wd);
    }

    private static RunJobRequest request(JobSource source) {
        return new RunJobRequest(JobKind.REPARTITION, source, true, Optional.empty());
    }

    /** One minute of accesses: 20 accesses on each of 40 spread keys, and a hotspot of 20 keys with 100 each in p4. */
    private static List<Record> window(Table heatmap, PartitionMap map, int w) {
        Map<String, long[]> counts = new HashMap<>();
        Map<String, KeySketch> sketches = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            long key = i < 40 ? i * 25_000L + 12_500 : 500_000 + (i - 40) * 50L;
            Partition p = map.partitionFor(Key.of(key));
            counts.computeIfAbsent(p.partitionKey(), id -> new long[1])[0] += i < 40 ? 20 : 100;
            sketches.computeIfAbsent(p.partitionKey(), id -> KeySketch.create(KeyType.LONG)).update(Key.of(key));
        }
        List<Record> rows = new ArrayList<>();
        counts.forEach((id, c) -> {
            GenericRecord r = GenericRecord.create(heatmap.schema());
            r.setField("window_start", OffsetDateTime.ofInstant(T0.plusSeconds(60L * w), ZoneOffset.UTC));
            r.setField("window_end", OffsetDateTime.ofInstant(T0.plusSeconds(60L * (w + 1)), ZoneOffset.UTC));
            r.setField("table_name", "orders");
            r.setField("partition_key", id);
            r.setField("access_count", c[0]);
            r.setField("read_count", c[0]);
            r.setField("write_count", 0L);
            r.setField("key_sketch", ByteBuffer.wrap(sketches.get(id).toBytes()));
            rows.add(r);
        });
        return rows;
    }
}
