package dev.thermocline.flink.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real Hadoop catalog on a temporary warehouse directory. */
class ThermoclineTablesTest {

    private static final Namespace NS = ThermoclineTables.DEFAULT_NAMESPACE;

    @TempDir
    Path warehouse;

    private HadoopCatalog catalog;

    @BeforeEach
    void openCatalog() {
        catalog = new HadoopCatalog(new Configuration(), warehouse.toUri().toString());
    }

    @AfterEach
    void closeCatalog() throws Exception {
        catalog.close();
    }

    @Test
    void createAllCreatesTheNamespaceAndEveryTable() {
        Map<String, Table> tables = ThermoclineTables.createAll(catalog, NS);

        assertThat(catalog.namespaceExists(NS)).isTrue();
        assertThat(tables.keySet()).containsExactly(
                "heatmap", "partition_map", "split_requests", "changelog", "backups", "dead_letters");
        assertThat(catalog.listTables(NS).stream().map(TableIdentifier::name))
                .containsExactlyInAnyOrderElementsOf(tables.keySet());
    }

    @Test
    void aSecondCallIsANoOp() {
        Map<String, Table> first = ThermoclineTables.createAll(catalog, NS);
        Map<String, Long> metadataVersions = first.values().stream()
                .collect(Collectors.toMap(Table::name, t -> current(t).lastUpdatedMillis()));

        Map<String, Table> second = ThermoclineTables.createAll(catalog, NS);

        assertThat(second.values().stream()
                        .collect(Collectors.toMap(Table::name, t -> current(t).lastUpdatedMillis())))
                .isEqualTo(metadataVersions);
        for (Table t : second.values()) {
            assertThat(t.history()).isEmpty();
            assertThat(current(t).metadataFileLocation()).endsWith("v1.metadata.json");
        }
    }

    @Test
    void changelogHasTheColumnsPartitioningSortOrderAndPropertiesRestoreRelies() {
        Table changelog = ThermoclineTables.createAll(catalog, NS).get("changelog");

        Schema s = changelog.schema();
        assertThat(s.columns()).extracting(Types.NestedField::name)
                .containsExactly("table_name", "partition_key", "key", "key_long", "op", "lsn", "seq", "ts", "row");
        assertThat(s.findField("key").isRequired()).isTrue();
        assertThat(s.findField("key_long").isOptional()).isTrue();
        assertThat(s.findField("key_long").type()).isEqualTo(Types.LongType.get());
        assertThat(s.findField("row").isOptional()).isTrue();
        assertThat(s.findField("ts").type()).isEqualTo(Types.TimestampType.withZone());
        assertThat(TableCompatibility.describe(changelog.spec(), s))
                .containsExactly("table_name", "partition_key", "day(ts)");
        assertThat(changelog.sortOrder().fields()).extracting(f -> s.findColumnName(f.sourceId()))
                .containsExactly("key_long", "key", "lsn", "seq");
        assertThat(changelog.sortOrder().fields().get(0).direction()).isEqualTo(SortDirection.ASC);
        assertThat(changelog.sortOrder().fields().get(0).nullOrder()).isEqualTo(NullOrder.NULLS_FIRST);
        assertThat(changelog.properties())
                .containsEntry("write.distribution-mode", "hash")
                .containsEntry("write.metadata.metrics.column.row", "none");
        assertThat(current(changelog).formatVersion()).isEqualTo(2);
    }

    @Test
    void everyTableIsPartitionedAsDocumented() {
        Map<String, Table> tables = ThermoclineTables.createAll(catalog, NS);

        Map<String, List<String>> specs = tables.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> TableCompatibility.describe(e.getValue().spec(), e.getValue().schema())));
        assertThat(specs).containsExactlyInAnyOrderEntriesOf(Map.of(
                "heatmap", List.of("table_name", "day(window_start)"),
                "partition_map", List.of("table_name"),
                "split_requests", List.of("table_name"),
                "changelog", List.of("table_name", "partition_key", "day(ts)"),
                "backups", List.of("table_name", "partition_key"),
                "dead_letters", List.of("day(received_at)")));
    }

    @Test
    void heatmapAndSplitRequestsHaveTheirNestedTypes() {
        Map<String, Table> tables = ThermoclineTables.createAll(catalog, NS);

        Types.NestedField counts = tables.get("heatmap").schema().findField("column_counts");
        assertThat(counts.type().isMapType()).isTrue();
        assertThat(counts.type().asMapType().keyType()).isEqualTo(Types.StringType.get());
        assertThat(counts.type().asMapType().valueType()).isEqualTo(Types.LongType.get());
        assertThat(tables.get("heatmap").schema().findField("key_sketch").type()).isEqualTo(Types.BinaryType.get());
        Types.NestedField merged = tables.get("split_requests").schema().findField("merged_keys");
        assertThat(merged.type().asListType().elementType()).isEqualTo(Types.StringType.get());
        assertThat(tables.get("partition_map").schema().findField("end_key").isOptional()).isTrue();
        assertThat(tables.get("dead_letters").schema().findField("raw").type()).isEqualTo(Types.BinaryType.get());
    }

    @Test
    void restoredTablesAreCreatedUnderAnyName() {
        TableIdentifier id = TableIdentifier.of(NS, "restored_orders_20261124");

        Table t = ThermoclineTables.ensure(catalog, id, ThermoclineTables.restored(id.name()));

        assertThat(t.schema().columns()).extracting(Types.NestedField::name).containsExactly("key", "row", "lsn", "ts");
        assertThat(t.spec().isUnpartitioned()).isTrue();
        assertThat(ThermoclineTables.ensure(catalog, id, ThermoclineTables.restored(id.name())).schema().sameSchema(t.schema()))
                .isTrue();
    }

    @Test
    void anExistingTableWithAnIncompatibleSchemaIsReportedWithEveryDifference() {
        TableIdentifier id = TableIdentifier.of(NS, "changelog");
        catalog.createNamespace(NS);
        Schema wrong = new Schema(
                Types.NestedField.required(1, "table_name", Types.StringType.get()),
                Types.NestedField.required(2, "partition_key", Types.StringType.get()),
                Types.NestedField.required(3, "key", Types.LongType.get()),
                Types.NestedField.required(4, "key_long", Types.LongType.get()),
                Types.NestedField.required(5, "op", Types.StringType.get()),
                Types.NestedField.required(6, "lsn", Types.LongType.get()),
                Types.NestedField.required(7, "ts", Types.TimestampType.withoutZone()),
                Types.NestedField.required(8, "row", Types.StringType.get()),
                Types.NestedField.required(9, "tenant", Types.StringType.get()));
        catalog.createTable(id, wrong, PartitionSpec.builderFor(wrong).identity("table_name").build());

        assertThatThrownBy(() -> ThermoclineTables.createAll(catalog, NS))
                .isInstanceOf(IncompatibleTableException.class)
                .hasMessageStartingWith("table thermocline.changelog exists but does not fit Thermocline's definition: ")
                .satisfies(e -> assertThat(((IncompatibleTableException) e).problems()).containsExactly(
                        "column 'key' is long, expected string",
                        "column 'key_long' is required, expected optional",
                        "column 'seq' is missing",
                        "column 'ts' is timestamp, expected timestamptz",
                        "column 'row' is required, expected optional",
                        "unexpected required column 'tenant'",
                        "partitioned by [table_name], expected [table_name, partition_key, day(ts)]"));
    }

    @Test
    void extraOptionalColumnsAndOptionalForRequiredAreCompatible() {
        TableIdentifier id = TableIdentifier.of(Namespace.of("other"), "restored_x");
        Schema evolved = new Schema(
                Types.NestedField.optional(1, "key", Types.StringType.get()),
                Types.NestedField.required(2, "row", Types.StringType.get()),
                Types.NestedField.required(3, "lsn", Types.LongType.get()),
                Types.NestedField.required(4, "ts", Types.TimestampType.withZone()),
                Types.NestedField.optional(5, "status", Types.StringType.get()));
        catalog.createNamespace(id.namespace());
        catalog.createTable(id, evolved);

        Table t = ThermoclineTables.ensure(catalog, id, ThermoclineTables.restored("restored_x"));

        assertThat(t.schema().findField("status")).isNotNull();
    }

    @Test
    void anOlderTableMissingOnlyOptionalColumnsGainsThemAndKeepsItsRows() {
        TableIdentifier id = TableIdentifier.of(NS, "split_requests");
        catalog.createNamespace(NS);
        // split_requests as first released: without the share and explanation columns
        Schema older = new Schema(ThermoclineTables.splitRequests().schema().columns().stream()
                .filter(f -> f.fieldId() <= 11).toList());
        Table t = catalog.createTable(id, older, PartitionSpec.builderFor(older).identity("table_name").build());
        org.apache.iceberg.data.GenericRecord row = org.apache.iceberg.data.GenericRecord.create(t.schema());
        row.setField("table_name", "orders");
        row.setField("revision", 1L);
        row.setField("kind", "split");
        row.setField("partition_key", "p3");
        row.setField("decided_at", java.time.OffsetDateTime.parse("2026-11-24T10:00:00Z"));
        org.apache.iceberg.AppendFiles append = t.newAppend();
        GenericRowsWriter.write(t, List.of(row)).forEach(append::appendFile);
        append.commit();

        Table evolved = ThermoclineTables.createAll(catalog, NS).get("split_requests");

        assertThat(evolved.schema().findField("child_shares").type().asListType().elementType())
                .isEqualTo(Types.DoubleType.get());
        assertThat(evolved.schema().findField("explanation").isOptional()).isTrue();
        List<org.apache.iceberg.data.Record> rows = new java.util.ArrayList<>();
        org.apache.iceberg.data.IcebergGenerics.read(evolved).build().forEach(rows::add);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.getField("partition_key")).isEqualTo("p3");
            assertThat(r.getField("explanation")).isNull();
        });
        assertThat(ThermoclineTables.createAll(catalog, NS).get("split_requests").schema().sameSchema(evolved.schema()))
                .as("a second call changes nothing").isTrue();
    }

    @Test
    void nestedTypesAreComparedWithoutFieldIds() {
        Types.MapType a = Types.MapType.ofRequired(9, 10, Types.StringType.get(), Types.LongType.get());
        Types.MapType b = Types.MapType.ofRequired(19, 20, Types.StringType.get(), Types.LongType.get());
        Types.MapType optionalValues = Types.MapType.ofOptional(9, 10, Types.StringType.get(), Types.LongType.get());

        assertThat(TableCompatibility.sameType(a, b)).isTrue();
        assertThat(TableCompatibility.sameType(a, optionalValues)).isFalse();
        assertThat(TableCompatibility.sameType(
                        Types.ListType.ofRequired(1, Types.StringType.get()), Types.ListType.ofRequired(2, Types.LongType.get())))
                .isFalse();
    }

    private static TableMetadata current(Table table) {
        return ((HasTableOperations) table).operations().current();
    }
}
