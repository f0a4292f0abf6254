package dev.thermocline.heatmap;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.io.Closeable;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/** Reading what the job committed, with Iceberg's generic reader. */
final class IcebergFixture {

    static final TableIdentifier HEATMAP = TableIdentifier.of(ThermoclineTables.DEFAULT_NAMESPACE, ThermoclineTables.HEATMAP);
    static final TableIdentifier DEAD_LETTERS =
            TableIdentifier.of(ThermoclineTables.DEFAULT_NAMESPACE, ThermoclineTables.DEAD_LETTERS);

    private IcebergFixture() {}

    static List<HeatmapCell> cells(CatalogSettings settings) {
        return read(settings, HEATMAP, HeatmapRows::fromRecord);
    }

    static List<DeadLetter> deadLetters(CatalogSettings settings) {
        return read(settings, DEAD_LETTERS, r -> {
            ByteBuffer raw = ((ByteBuffer) r.getField("raw")).duplicate();
            byte[] bytes = new byte[raw.remaining()];
            raw.get(bytes);
            return new DeadLetter((String) r.getField("source"), (String) r.getField("reason"), bytes,
                    ((OffsetDateTime) r.getField("received_at")).toInstant());
        });
    }

    static <T> T withTable(CatalogSettings settings, TableIdentifier id, Function<Table, T> work) {
        Catalog catalog = IcebergCatalogs.load(settings);
        try {
            Table table = catalog.loadTable(id);
            return work.apply(table);
        } finally {
            closeQuietly(catalog);
        }
    }

    private static <T> List<T> read(CatalogSettings settings, TableIdentifier id, Function<Record, T> convert) {
        return withTable(settings, id, table -> {
            List<T> rows = new ArrayList<>();
            try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
                records.forEach(r -> rows.add(convert.apply(r)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return rows;
        });
    }

    private static void closeQuietly(Catalog catalog) {
        if (catalog instanceof Closeable c) {
            try {
                c.close();
            } catch (java.io.IOException ignored) {
                // test cleanup
            }
        }
    }
}
