package dev.thermocline.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.cli.ActionContext;
import dev.thermocline.cli.SqlRequest;
import dev.thermocline.cli.testing.OrdersConfig;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import dev.thermocline.flink.partitionmap.VersionedHistory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flink SQL in batch mode over a real local warehouse and catalog, with Iceberg time travel. */
class SqlActionITCase {

    @TempDir
    static Path wd;

    static ThermoclineConfig config;
    static long firstSnapshot;

    @BeforeAll
    static void warehouseWithTwoRevisions() {
        config = OrdersConfig.in(wd);
        Catalog catalog = IcebergCatalogs.load(config.catalogSettings());
        Namespace ns = Namespace.of(config.namespace());
        ThermoclineTables.createAll(catalog, ns);
        PartitionMapStore store = new PartitionMapStore(catalog, ns, config.tables());
        VersionedHistory base = store.loadVersioned("orders");
        PartitionMap r0 = base.history().latest().orElseThrow();
        VersionedHistory afterR1 = store.commit(base, r0.split("p0", Key.of(100), Instant.parse("2026-11-24T10:00:00Z"), "hot"),
                Map.of("p0", 2.0));
        Table t = catalog.loadTable(TableIdentifier.of(ns, "partition_map"));
        firstSnapshot = t.snapshots().iterator().next().snapshotId();
        assertThat(afterR1.history().revisions()).hasSize(2);
    }

    @Test
    void printsAnAlignedTable() throws Exception {
        String out = run("SELECT revision, COUNT(*) AS parts FROM partition_map WHERE table_name = 'orders' "
                + "GROUP BY revision ORDER BY revision", SqlRequest.Format.TABLE);
        assertThat(out.lines()).containsExactly(
                "revision | parts",
                "---------+------",
                "0        | 4",
                "1        | 5",
                "(2 rows)");
    }

    @Test
    void timeTravelsWithASnapshotHint() throws Exception {
        String out = run("SELECT DISTINCT revision FROM partition_map /*+ OPTIONS('snapshot-id'='" + firstSnapshot + "') */",
                SqlRequest.Format.CSV);
        assertThat(out).isEqualTo("revision\r\n0\r\n");
    }

    @Test
    void printsJsonLines() throws Exception {
        String out = run("SELECT partition_key, start_key, end_key FROM partition_map WHERE revision = 1 ORDER BY partition_key",
                SqlRequest.Format.JSON);
        assertThat(out.lines().findFirst().orElseThrow())
                .isEqualTo("{\"partition_key\":\"p0\",\"start_key\":null,\"end_key\":\"100\"}");
        assertThat(out.lines()).hasSize(5);
    }

    @Test
    void aBadQueryFailsWithOneClearLine() {
        assertThatThrownBy(() -> run("SELECT * FROM no_such_table", SqlRequest.Format.TABLE))
                .hasMessageStartingWith("query failed: Object 'no_such_table' not found")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static String run(String query, SqlRequest.Format format) throws Exception {
        StringWriter out = new StringWriter();
        new SqlAction().run(new SqlRequest(query, format),
                new ActionContext(config, new PrintWriter(out), new PrintWriter(new StringWriter()), Clock.systemUTC(), wd));
        return out.toString();
    }
}
