package dev.thermocline.cli.heatmap;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.render.CellSource;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.heatmap.HeatmapRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * One table's cells of the {@code heatmap} Iceberg table whose windows overlap [from, to), read from
 * one snapshot with the filter pushed down (the table is partitioned by table name and day), afresh
 * each time {@link #forEach} is called.
 */
final class IcebergHeatmapCells implements CellSource {

    private final Table heatmap;
    private final Long snapshotId;
    private final Expression filter;

    IcebergHeatmapCells(Catalog catalog, Namespace namespace, String table, Optional<Instant> from, Optional<Instant> to) {
        this.heatmap = catalog.loadTable(TableIdentifier.of(namespace, ThermoclineTables.HEATMAP));
        this.snapshotId = heatmap.currentSnapshot() == null ? null : heatmap.currentSnapshot().snapshotId();
        Expression f = Expressions.equal("table_name", table);
        if (from.isPresent()) {
            f = Expressions.and(f, Expressions.greaterThan("window_end", micros(from.get())));
        }
        if (to.isPresent()) {
            f = Expressions.and(f, Expressions.lessThan("window_start", micros(to.get())));
        }
        this.filter = f;
    }

    @Override
    public void forEach(Consumer<HeatmapCell> action) {
        if (snapshotId == null) {
            return; // nothing was ever written
        }
        try (CloseableIterable<Record> rows = IcebergGenerics.read(heatmap).useSnapshot(snapshotId).where(filter).build()) {
            for (Record r : rows) {
                action.accept(HeatmapRows.fromRecord(r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + heatmap.name() + " failed", e);
        }
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }
}
