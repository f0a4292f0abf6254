package dev.thermocline.flink.partitionmap;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.iceberg.GenericRowsWriter;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads and commits partition-map revisions in the append-only {@code partition_map} table. One
 * Iceberg snapshot per revision; its summary carries {@code thermocline.table} and
 * {@code thermocline.revision}. Commits are optimistic: a revision planned on a base that another
 * committer has moved past fails with {@link RevisionConflictException} instead of being lost or
 * duplicated.
 */
public final class PartitionMapStore {

    public static final String SUMMARY_TABLE = "thermocline.table";
    public static final String SUMMARY_REVISION = "thermocline.revision";

    private final Catalog catalog;
    private final TableIdentifier tableId;
    private final Map<String, TableSpec> specs;

    public PartitionMapStore(Catalog catalog, Namespace namespace, Map<String, TableSpec> specs) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is required");
        this.tableId = TableIdentifier.of(namespace, ThermoclineTables.PARTITION_MAP);
        this.specs = Map.copyOf(specs);
    }

    /** The table's revisions, oldest first; just the initial map when none is stored. */
    public PartitionMapHistory load(String table) {
        return loadVersioned(table).history();
    }

    /** The history and the snapshot it was read at, as the base for planning a new revision. */
    public VersionedHistory loadVersioned(String table) {
        TableSpec spec = spec(table);
        Table t = catalog.loadTable(tableId);
        t.refresh();
        Snapshot current = t.currentSnapshot();
        if (current == null) {
            return synthesised(spec, null);
        }
        TreeMap<Long, List<Record>> byRevision = new TreeMap<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(t)
                .useSnapshot(current.snapshotId())
                .where(Expressions.equal("table_name", table))
                .build()) {
            for (Record r : rows) {
                byRevision.computeIfAbsent((Long) r.getField("revision"), k -> new ArrayList<>()).add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + tableId + " failed", e);
        }
        if (byRevision.isEmpty()) {
            return synthesised(spec, current.snapshotId());
        }
        List<PartitionMap> maps = new ArrayList<>();
        long nextOrdinal = 0;
        for (Map.Entry<Long, List<Record>> e : byRevision.entrySet()) {
            PartitionMap map = toMap(spec, e.getKey(), e.getValue(), nextOrdinal);
            nextOrdinal = map.nextPartitionOrdinal();
            maps.add(map);
        }
        return new VersionedHistory(PartitionMapHistory.of(table, maps), current.snapshotId(), true);
    }

    /**
     * Commits {@code next} as the newest revision of its table, on top of {@code base}. Stores the
     * initial revision first when {@code base} synthesised it. {@code heat} (per partition id, may
     * be empty) is stored beside each partition for inspection.
     *
     * @throws RevisionConflictException when another revision of the table landed after {@code base}
     */
    public VersionedHistory commit(VersionedHistory base, PartitionMap next, Map<String, Double> heat) {
        PartitionMap latest = base.history().latest().orElseThrow();
        if (next.revision() != latest.revision() + 1) {
            throw new IllegalArgumentException("revision " + next.revision() + " of '" + next.tableName()
                    + "' does not follow revision " + latest.revision());
        }
        Long snapshot = base.snapshotId();
        if (!base.stored()) {
            snapshot = append(latest, Map.of(), snapshot);
        }
        snapshot = append(next, heat, snapshot);
        return new VersionedHistory(base.history().add(next), snapshot, true);
    }

    private long append(PartitionMap map, Map<String, Double> heat, Long baseSnapshot) {
        Table t = catalog.loadTable(tableId);
        t.refresh();
        List<Record> rows = new ArrayList<>();
        for (Partition p : map.partitions()) {
            GenericRecord r = GenericRecord.create(t.schema());
            r.setField("table_name", map.tableName());
            r.setField("revision", map.revision());
            r.setField("partition_key", p.partitionKey());
            r.setField("start_key", p.range().start() == null ? null : p.range().start().text());
            r.setField("end_key", p.range().end() == null ? null : p.range().end().text());
            r.setField("valid_from", OffsetDateTime.ofInstant(map.validFrom(), ZoneOffset.UTC));
            r.setField("reason", map.reason());
            r.setField("heat", heat.get(p.partitionKey()));
            rows.add(r);
        }
        List<DataFile> files = GenericRowsWriter.write(t, rows);
        RowDelta delta = t.newRowDelta()
                .conflictDetectionFilter(Expressions.equal("table_name", map.tableName()))
                .validateNoConflictingDataFiles()
                .set(SUMMARY_TABLE, map.tableName())
                .set(SUMMARY_REVISION, Long.toString(map.revision()));
        if (baseSnapshot != null) {
            delta.validateFromSnapshot(baseSnapshot);
        }
        files.forEach(delta::addRows);
        try {
            delta.commit();
        } catch (ValidationException | CommitFailedException e) {
            throw new RevisionConflictException("revision " + map.revision() + " of '" + map.tableName()
                    + "' lost a race with another committer; reload and re-plan", e);
        }
        t.refresh();
        return t.currentSnapshot().snapshotId();
    }

    private VersionedHistory synthesised(TableSpec spec, Long snapshotId) {
        PartitionMap initial = PartitionMap.initial(spec, Instant.EPOCH);
        return new VersionedHistory(PartitionMapHistory.empty(spec.name()).add(initial), snapshotId, false);
    }

    private static PartitionMap toMap(TableSpec spec, long revision, List<Record> rows, long nextOrdinalSoFar) {
        KeyType type = spec.keyType();
        List<Partition> partitions = new ArrayList<>();
        long next = nextOrdinalSoFar;
        Instant validFrom = null;
        String reason = "";
        for (Record r : rows) {
            String id = (String) r.getField("partition_key");
            partitions.add(new Partition(id, new KeyRange(key(type, r.getField("start_key")),
                    key(type, r.getField("end_key")))));
            OptionalLong ordinal = PartitionMap.ordinalOf(id);
            if (ordinal.isPresent()) {
                next = Math.max(next, ordinal.getAsLong() + 1);
            }
            validFrom = ((OffsetDateTime) r.getField("valid_from")).toInstant();
            reason = r.getField("reason") == null ? "" : (String) r.getField("reason");
        }
        return new PartitionMap(spec.name(), type, revision, validFrom, reason, partitions, next);
    }

    private static Key key(KeyType type, Object text) {
        return text == null ? null : type.parse((String) text);
    }

    private TableSpec spec(String table) {
        TableSpec spec = specs.get(table);
        if (spec == null) {
            throw new IllegalArgumentException("unknown table '" + table + "': configured tables are " + specs.keySet());
        }
        return spec;
    }
}
