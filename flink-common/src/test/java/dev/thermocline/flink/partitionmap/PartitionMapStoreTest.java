package dev.thermocline.flink.partitionmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real JDBC/SQLite catalog and local warehouse. */
class PartitionMapStoreTest {

    private static final TableSpec ORDERS = new TableSpec("orders", "id", KeyType.LONG,
            new InitialPartitioning.EqualRanges(4, Key.of(0), Key.of(1000)));
    private static final TableSpec USERS = new TableSpec("users", "name", KeyType.STRING,
            new InitialPartitioning.ExplicitBoundaries(List.of(Key.of("m"))));
    private static final Instant T1 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-24T11:00:00Z");

    @TempDir
    Path warehouse;

    private Catalog catalog;
    private PartitionMapStore store;

    @BeforeEach
    void setUp() {
        catalog = IcebergCatalogs.load(CatalogSettings.embeddedDefault(warehouse));
        ThermoclineTables.createAll(catalog, ThermoclineTables.DEFAULT_NAMESPACE);
        store = new PartitionMapStore(catalog, ThermoclineTables.DEFAULT_NAMESPACE,
                Map.of("orders", ORDERS, "users", USERS));
    }

    @Test
    void anEmptyTableYieldsTheConfiguredInitialMap() {
        VersionedHistory v = store.loadVersioned("orders");
        assertThat(v.stored()).isFalse();
        assertThat(v.history().revisions()).hasSize(1);
        assertThat(v.history().latest().orElseThrow()).isEqualTo(PartitionMap.initial(ORDERS, Instant.EPOCH));
    }

    @Test
    void committedRevisionsReadBackAndMapAtPicksTheOneInForce() {
        VersionedHistory base = store.loadVersioned("orders");
        PartitionMap r0 = base.history().latest().orElseThrow();
        PartitionMap r1 = r0.split("p1", Key.of(300), T1, "hot");
        VersionedHistory afterR1 = store.commit(base, r1, Map.of("p1", 12.5));
        PartitionMap r2 = r1.merge(List.of("p2", "p3"), T2, "cold");
        store.commit(afterR1, r2, Map.of());

        PartitionMapHistory read = store.load("orders");
        assertThat(read.revisions()).containsExactly(r0, r1, r2);
        assertThat(read.mapAt(T1.minusMillis(1)).orElseThrow().revision()).isZero();
        assertThat(read.mapAt(T1).orElseThrow().revision()).isEqualTo(1);
        assertThat(read.mapAt(T2.plusSeconds(5)).orElseThrow().revision()).isEqualTo(2);
        assertThat(read.nextFreeOrdinal()).isEqualTo(r2.nextPartitionOrdinal());

        Table table = catalog.loadTable(TableIdentifier.of(ThermoclineTables.DEFAULT_NAMESPACE, "partition_map"));
        List<String> revisions = new ArrayList<>();
        for (Snapshot s : table.snapshots()) {
            revisions.add(s.summary().get(PartitionMapStore.SUMMARY_REVISION));
        }
        assertThat(revisions).as("one snapshot per revision").containsExactly("0", "1", "2");
    }

    @Test
    void tablesKeepSeparateHistories() {
        VersionedHistory users = store.loadVersioned("users");
        PartitionMap u1 = users.history().latest().orElseThrow().split("p1", Key.of("t"), T1, "hot");
        VersionedHistory orders = store.loadVersioned("orders");
        store.commit(users, u1, Map.of());
        // a revision of another table is no conflict
        PartitionMap o1 = orders.history().latest().orElseThrow().split("p0", Key.of(100), T1, "hot");
        store.commit(orders, o1, Map.of());
        assertThat(store.load("users").latest().orElseThrow()).isEqualTo(u1);
        assertThat(store.load("orders").latest().orElseThrow()).isEqualTo(o1);
    }

    @Test
    void aCommitOnAStaleBaseIsRefusedAndNothingIsLost() {
        store.commit(store.loadVersioned("orders"),
                PartitionMap.initial(ORDERS, Instant.EPOCH).split("p0", Key.of(100), T1, "first"), Map.of());
        VersionedHistory a = store.loadVersioned("orders");
        VersionedHistory b = store.loadVersioned("orders");
        PartitionMap fromA = a.history().latest().orElseThrow().split("p1", Key.of(400), T2, "a");
        PartitionMap fromB = b.history().latest().orElseThrow().merge(List.of("p2", "p3"), T2, "b");
        store.commit(a, fromA, Map.of());
        assertThatThrownBy(() -> store.commit(b, fromB, Map.of()))
                .isInstanceOf(RevisionConflictException.class)
                .hasMessageContaining("revision 2 of 'orders'");
        assertThat(store.load("orders").latest().orElseThrow()).isEqualTo(fromA);
    }

    @Test
    void racingCommittersThatRetryKeepRevisionsStrictlyIncreasing() throws Exception {
        int committers = 3;
        int revisionsEach = 3;
        ExecutorService pool = Executors.newFixedThreadPool(committers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < committers; c++) {
            String who = "committer-" + c;
            PartitionMapStore own = new PartitionMapStore(IcebergCatalogs.load(CatalogSettings.embeddedDefault(warehouse)),
                    ThermoclineTables.DEFAULT_NAMESPACE, Map.of("orders", ORDERS));
            results.add(pool.submit(() -> {
                start.await();
                int conflicts = 0;
                for (int i = 0; i < revisionsEach; i++) {
                    while (true) {
                        VersionedHistory base = own.loadVersioned("orders");
                        PartitionMap latest = base.history().latest().orElseThrow();
                        PartitionMap next = new PartitionMap("orders", KeyType.LONG, latest.revision() + 1,
                                latest.validFrom().plusSeconds(1), who, latest.partitions(),
                                latest.nextPartitionOrdinal());
                        try {
                            own.commit(base, next, Map.of());
                            break;
                        } catch (RevisionConflictException e) {
                            conflicts++;
                        }
                    }
                }
                return conflicts;
            }));
        }
        start.countDown();
        for (Future<Integer> f : results) {
            f.get();
        }
        pool.shutdown();
        PartitionMapHistory h = store.load("orders");
        // revision 0 plus every committer's revisions, none lost, none duplicated
        assertThat(h.revisions()).hasSize(1 + committers * revisionsEach);
        for (int i = 0; i < h.revisions().size(); i++) {
            assertThat(h.revisions().get(i).revision()).isEqualTo(i);
        }
        long byEach = h.revisions().stream().filter(m -> m.reason().startsWith("committer-")).count();
        assertThat(byEach).isEqualTo(committers * revisionsEach);
    }
}
