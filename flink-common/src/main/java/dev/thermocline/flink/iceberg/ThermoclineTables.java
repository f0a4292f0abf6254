package dev.thermocline.flink.iceberg;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.types.Types;

/**
 * The Iceberg tables Thermocline keeps (DESIGN.md "Iceberg tables"; each is documented in
 * flink-common/README.md), and idempotent creation: {@link #createAll} and {@link #ensure} create
 * what is missing, accept what already matches, add optional columns a newer definition has and an
 * older table lacks (Iceberg schema evolution: existing rows read null there), and refuse a table whose
 * schema or partitioning does not fit otherwise, naming every difference.
 */
public final class ThermoclineTables {

    public static final Namespace DEFAULT_NAMESPACE = Namespace.of("thermocline");

    public static final String HEATMAP = "heatmap";
    public static final String PARTITION_MAP = "partition_map";
    public static final String SPLIT_REQUESTS = "split_requests";
    public static final String CHANGELOG = "changelog";
    public static final String BACKUPS = "backups";
    public static final String DEAD_LETTERS = "dead_letters";

    private static final Types.TimestampType TIMESTAMPTZ = Types.TimestampType.withZone();

    private ThermoclineTables() {}

    /** One row per (window, table, partition) cell of access heat. */
    public static TableDefinition heatmap() {
        Schema schema = new Schema(
                required(1, "window_start", TIMESTAMPTZ, "window start, inclusive"),
                required(2, "window_end", TIMESTAMPTZ, "window end, exclusive"),
                required(3, "table_name", Types.StringType.get()),
                required(4, "partition_key", Types.StringType.get(), "partition the accesses fell in"),
                required(5, "access_count", Types.LongType.get()),
                required(6, "read_count", Types.LongType.get()),
                required(7, "write_count", Types.LongType.get()),
                optional(8, "column_counts",
                        Types.MapType.ofRequired(9, 10, Types.StringType.get(), Types.LongType.get()),
                        "accesses per column; null when not tracked"),
                optional(11, "key_sketch", Types.BinaryType.get(), "serialized sketch of the accessed keys"));
        return new TableDefinition(HEATMAP, schema,
                PartitionSpec.builderFor(schema).identity("table_name").day("window_start").build(),
                SortOrder.builderFor(schema).asc("partition_key").asc("window_start").build(),
                properties(Map.of("write.distribution-mode", "hash",
                        "write.metadata.metrics.column.key_sketch", "none")));
    }

    /** One partition of one revision of a table's partition map; append-only. */
    public static TableDefinition partitionMap() {
        Schema schema = new Schema(
                required(1, "table_name", Types.StringType.get()),
                required(2, "revision", Types.LongType.get()),
                required(3, "partition_key", Types.StringType.get()),
                optional(4, "start_key", Types.StringType.get(), "inclusive lower bound; null = unbounded"),
                optional(5, "end_key", Types.StringType.get(), "exclusive upper bound; null = unbounded"),
                required(6, "valid_from", TIMESTAMPTZ, "the revision is in force from this instant"),
                optional(7, "reason", Types.StringType.get(), "why this revision was made"),
                optional(8, "heat", Types.DoubleType.get(), "the partition's heat when the revision was planned"));
        return new TableDefinition(PARTITION_MAP, schema,
                PartitionSpec.builderFor(schema).identity("table_name").build(),
                SortOrder.builderFor(schema).asc("revision").asc("start_key", NullOrder.NULLS_FIRST).build(),
                properties(Map.of()));
    }

    /** One split or merge decision, with its evidence; the audit log of the repartition job. */
    public static TableDefinition splitRequests() {
        Schema schema = new Schema(
                required(1, "table_name", Types.StringType.get()),
                required(2, "revision", Types.LongType.get(), "the revision the decision produced"),
                required(3, "kind", Types.StringType.get(), "split | merge"),
                required(4, "partition_key", Types.StringType.get(), "the partition split, or the merge result"),
                optional(5, "split_point", Types.StringType.get(), "split: first key of the new partition"),
                optional(6, "new_partition_key", Types.StringType.get(), "split: the new partition"),
                optional(7, "merged_keys", Types.ListType.ofRequired(12, Types.StringType.get()),
                        "merge: the partitions merged"),
                optional(8, "heat", Types.DoubleType.get(), "decayed heat at decision time"),
                optional(9, "forecast", Types.DoubleType.get(), "forecast heat the decision used"),
                optional(10, "cluster", Types.StringType.get(), "hot | warm | cold"),
                required(11, "decided_at", TIMESTAMPTZ),
                optional(13, "heat_share", Types.DoubleType.get(), "heat / the table's heat"),
                optional(14, "forecast_share", Types.DoubleType.get(), "the share the decision was made on"),
                optional(15, "child_shares", Types.ListType.ofRequired(16, Types.DoubleType.get()),
                        "split: the share of the partition's sketched heat in each part, in key order"),
                optional(17, "explanation", Types.StringType.get(), "the rule that fired, in words"));
        return new TableDefinition(SPLIT_REQUESTS, schema,
                PartitionSpec.builderFor(schema).identity("table_name").build(),
                SortOrder.builderFor(schema).asc("revision").build(),
                properties(Map.of()));
    }

    /**
     * One captured change. Partitioned by table, the partition the key belonged to at capture, and
     * day: a restore names the partitions it needs and the interval (cutoff, T], so manifests prune
     * both. Within a partition, per-file min/max of {@code key_long} (long keys) or {@code key}
     * (string keys) prune key ranges; the sort order asks writers and compaction to cluster by key.
     */
    public static TableDefinition changelog() {
        Schema schema = new Schema(
                required(1, "table_name", Types.StringType.get()),
                required(2, "partition_key", Types.StringType.get(), "partition of the key at capture time"),
                required(3, "key", Types.StringType.get(), "the key's canonical text"),
                optional(4, "key_long", Types.LongType.get(), "the key of a long-keyed table; null for string keys"),
                required(5, "op", Types.StringType.get(), "c | u | d | r"),
                required(6, "lsn", Types.LongType.get(), "source log position"),
                required(7, "seq", Types.LongType.get(), "tie-breaker within one position"),
                required(8, "ts", TIMESTAMPTZ, "commit time at the source"),
                optional(9, "row", Types.StringType.get(), "after-image as JSON; null for deletes"));
        return new TableDefinition(CHANGELOG, schema,
                PartitionSpec.builderFor(schema).identity("table_name").identity("partition_key").day("ts").build(),
                keyOrder(schema).asc("lsn").asc("seq").build(),
                properties(Map.of("write.distribution-mode", "hash",
                        "write.metadata.metrics.column.row", "none")));
    }

    /** One live row of one partition as of that partition's backup cutoff. */
    public static TableDefinition backups() {
        Schema schema = new Schema(
                required(1, "table_name", Types.StringType.get()),
                required(2, "partition_key", Types.StringType.get()),
                required(3, "key", Types.StringType.get()),
                optional(4, "key_long", Types.LongType.get(), "the key of a long-keyed table; null for string keys"),
                required(5, "row", Types.StringType.get(), "the row as JSON"),
                required(6, "lsn", Types.LongType.get(), "position of the change that wrote the row"),
                required(7, "seq", Types.LongType.get()),
                required(8, "row_ts", TIMESTAMPTZ, "commit time of the change that wrote the row"),
                required(9, "cutoff_ts", TIMESTAMPTZ, "the partition's backup cutoff"),
                optional(10, "cutoff_lsn", Types.LongType.get(), "last position included; null when unknown"));
        return new TableDefinition(BACKUPS, schema,
                PartitionSpec.builderFor(schema).identity("table_name").identity("partition_key").build(),
                keyOrder(schema).build(),
                properties(Map.of("write.distribution-mode", "hash",
                        "write.metadata.metrics.column.row", "none")));
    }

    /** Rejected input records, for inspection and replay. */
    public static TableDefinition deadLetters() {
        Schema schema = new Schema(
                required(1, "source", Types.StringType.get(), "e.g. kafka:topic/3@1042"),
                required(2, "reason", Types.StringType.get()),
                required(3, "raw", Types.BinaryType.get(), "the record's bytes as received"),
                required(4, "received_at", TIMESTAMPTZ),
                optional(5, "job", Types.StringType.get(), "the job that rejected it"));
        return new TableDefinition(DEAD_LETTERS, schema,
                PartitionSpec.builderFor(schema).day("received_at").build(),
                SortOrder.unsorted(),
                properties(Map.of("write.metadata.metrics.column.raw", "none")));
    }

    /** Reconstructed rows of one restore; the restore job may add typed columns (optional ones). */
    public static Schema restoredSchema() {
        return new Schema(
                required(1, "key", Types.StringType.get()),
                required(2, "row", Types.StringType.get(), "the row as JSON"),
                required(3, "lsn", Types.LongType.get(), "position of the change that wrote the row"),
                required(4, "ts", TIMESTAMPTZ, "commit time of the change that wrote the row"));
    }

    /** A {@code restored_*} table (unpartitioned, sorted by key) under the given name. */
    public static TableDefinition restored(String name) {
        Schema schema = restoredSchema();
        return new TableDefinition(name, schema, PartitionSpec.unpartitioned(),
                SortOrder.builderFor(schema).asc("key").build(), properties(Map.of()));
    }

    /** The six long-lived tables (not the per-restore ones). */
    public static List<TableDefinition> all() {
        return List.of(heatmap(), partitionMap(), splitRequests(), changelog(), backups(), deadLetters());
    }

    /**
     * Makes sure every table of {@link #all()} exists in {@code namespace}, creating the namespace
     * (where the catalog has namespaces) and the missing tables. A second call changes nothing.
     *
     * @return the tables by name
     * @throws IncompatibleTableException when an existing table does not fit its definition
     */
    public static Map<String, Table> createAll(Catalog catalog, Namespace namespace) {
        ensureNamespace(catalog, namespace);
        Map<String, Table> tables = new LinkedHashMap<>();
        for (TableDefinition def : all()) {
            tables.put(def.name(), ensure(catalog, TableIdentifier.of(namespace, def.name()), def));
        }
        return tables;
    }

    /**
     * Loads the table, or creates it (and its namespace) when missing; concurrent creators are
     * fine, the loser loads the winner's table.
     *
     * @throws IncompatibleTableException when the existing table does not fit {@code definition}
     */
    public static Table ensure(Catalog catalog, TableIdentifier id, TableDefinition definition) {
        Objects.requireNonNull(catalog, "catalog is required");
        Objects.requireNonNull(id, "table identifier is required");
        Objects.requireNonNull(definition, "table definition is required");
        if (!catalog.tableExists(id)) {
            ensureNamespace(catalog, id.namespace());
            try {
                return catalog.buildTable(id, definition.schema())
                        .withPartitionSpec(definition.spec())
                        .withSortOrder(definition.sortOrder())
                        .withProperties(definition.properties())
                        .create();
            } catch (AlreadyExistsException raced) {
                // another job created it between our check and our create: verify theirs below
            }
        }
        Table table = catalog.loadTable(id);
        List<String> problems = TableCompatibility.problems(
                definition.schema(), definition.spec(), table.schema(), table.spec());
        if (!problems.isEmpty() && addMissingOptionalColumns(table, definition, problems)) {
            table.refresh();
            problems = TableCompatibility.problems(definition.schema(), definition.spec(), table.schema(), table.spec());
        }
        if (!problems.isEmpty()) {
            throw new IncompatibleTableException(id, problems);
        }
        return table;
    }

    /**
     * When the only problems are optional columns the table lacks (it was created by an older
     * definition), adds them in one schema update; returns whether it changed the table. A concurrent
     * writer adding them first is fine: the caller checks again.
     */
    private static boolean addMissingOptionalColumns(Table table, TableDefinition definition, List<String> problems) {
        List<Types.NestedField> missing = definition.schema().columns().stream()
                .filter(f -> f.isOptional() && table.schema().findField(f.name()) == null).toList();
        if (missing.isEmpty() || problems.size() != missing.size()
                || !problems.containsAll(missing.stream().map(f -> "column '" + f.name() + "' is missing").toList())) {
            return false;
        }
        UpdateSchema update = table.updateSchema();
        missing.forEach(f -> update.addColumn(f.name(), f.type(), f.doc()));
        try {
            update.commit();
        } catch (CommitFailedException raced) {
            // another writer evolved it meanwhile: the caller re-checks the refreshed table
        }
        return true;
    }

    private static void ensureNamespace(Catalog catalog, Namespace namespace) {
        if (namespace.isEmpty() || !(catalog instanceof SupportsNamespaces namespaces)) {
            return;
        }
        if (!namespaces.namespaceExists(namespace)) {
            try {
                namespaces.createNamespace(namespace);
            } catch (AlreadyExistsException raced) {
                // created concurrently: fine
            }
        }
    }

    private static SortOrder.Builder keyOrder(Schema schema) {
        return SortOrder.builderFor(schema).asc("key_long", NullOrder.NULLS_FIRST).asc("key");
    }

    private static Map<String, String> properties(Map<String, String> extra) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("format-version", "2");
        props.putAll(extra);
        return props;
    }
}
