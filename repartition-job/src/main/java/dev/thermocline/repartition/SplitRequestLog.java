package dev.thermocline.repartition;

import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.repartition.Decision;
import dev.thermocline.flink.iceberg.GenericRowsWriter;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The {@code split_requests} audit log: one row per decision of a revision, written once per
 * (table, revision) however often it is asked. The check and the append are one optimistic commit:
 * it validates that no rows of the same revision were added since the check, so two writers (a
 * replay and the original, or racing jobs) never both log a revision. One snapshot per revision; its
 * summary carries the table and the revision like {@code partition_map}'s. Each row carries the
 * decision's evidence: decayed heat and forecast (accesses per interval), their shares of the table,
 * the hot / warm / cold class, for a split the share of the partition's sketched heat in each part,
 * and the rule that fired in words.
 */
final class SplitRequestLog {

    private final Catalog catalog;
    private final TableIdentifier id;

    SplitRequestLog(Catalog catalog, TableIdentifier id) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is required.");
        this.id = Objects.requireNonNull(id, "table identifier is required.");
    }

    /**
     * Logs {@code decisions}, the decisions that made {@code revision}, unless that revision is logged
     * already. Returns whether this call wrote them.
     */
    boolean append(PartitionMap revision, List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return false;
        }
        Table table = catalog.loadTable(id);
        table.refresh();
        Snapshot checked = table.currentSnapshot();
        Expression sameRevision = Expressions.and(Expressions.equal("table_name", revision.tableName()),
                Expressions.equal("revision", revision.revision()));
        if (checked != null && logged(table, checked, revision)) {
            return false;
        }
        List<DataFile> files = GenericRowsWriter.write(table,
                decisions.stream().map(d -> row(table, revision, d)).toList());
        RowDelta delta = table.newRowDelta()
                .conflictDetectionFilter(sameRevision)
                .validateNoConflictingDataFiles()
                .set(PartitionMapStore.SUMMARY_TABLE, revision.tableName())
                .set(PartitionMapStore.SUMMARY_REVISION, Long.toString(revision.revision()));
        if (checked != null) {
            delta.validateFromSnapshot(checked.snapshotId());
        }
        files.forEach(delta::addRows);
        try {
            delta.commit();
            return true;
        } catch (ValidationException loggedMeanwhile) {
            files.forEach(f -> table.io().deleteFile(f.location()));
            return false;
        }
    }

    /** Whether {@code revision} has rows in {@code table} at {@code snapshot}. */
    static boolean logged(Table table, Snapshot snapshot, PartitionMap revision) {
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table)
                .useSnapshot(snapshot.snapshotId())
                .select("table_name", "revision")
                .where(Expressions.and(Expressions.equal("table_name", revision.tableName()),
                        Expressions.equal("revision", revision.revision())))
                .build()) {
            for (Record r : rows) {
                // the filter prunes files; rows are checked here
                if (revision.tableName().equals(r.getField("table_name"))
                        && Long.valueOf(revision.revision()).equals(r.getField("revision"))) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + table.name() + " failed", e);
        }
    }

    static Record row(Table table, PartitionMap revision, Decision d) {
        GenericRecord r = GenericRecord.create(table.schema());
        boolean split = d.kind() == Decision.Kind.SPLIT;
        r.setField("table_name", revision.tableName());
        r.setField("revision", revision.revision());
        r.setField("kind", d.kind().name().toLowerCase(Locale.ROOT));
        r.setField("partition_key", split ? d.partitionKeys().get(0) : d.resultPartitionKey());
        r.setField("split_point", split ? d.splitPoint().text() : null);
        r.setField("new_partition_key", split ? d.resultPartitionKey() : null);
        r.setField("merged_keys", split ? null : d.partitionKeys());
        r.setField("heat", d.heat());
        r.setField("forecast", d.forecast());
        r.setField("cluster", d.heatClass().name().toLowerCase(Locale.ROOT));
        r.setField("decided_at", OffsetDateTime.ofInstant(revision.validFrom(), ZoneOffset.UTC));
        r.setField("heat_share", d.heatShare());
        r.setField("forecast_share", d.forecastShare());
        r.setField("child_shares", split && !Double.isNaN(d.leftShare()) ? List.of(d.leftShare(), 1 - d.leftShare()) : null);
        r.setField("explanation", d.explanation());
        return r;
    }
}
