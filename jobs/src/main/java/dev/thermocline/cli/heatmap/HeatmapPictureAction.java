package dev.thermocline.cli.heatmap;

import dev.thermocline.cli.Action;
import dev.thermocline.cli.ActionContext;
import dev.thermocline.cli.ExitCode;
import dev.thermocline.cli.HeatmapPictureRequest;
import dev.thermocline.cli.PictureFormat;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.render.Drawing;
import dev.thermocline.core.render.HeatGrid;
import dev.thermocline.core.render.HeatGridBuilder;
import dev.thermocline.core.render.HeatmapLayout;
import dev.thermocline.core.render.HtmlPage;
import dev.thermocline.core.render.PngPainter;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;

/**
 * {@code thermocline heatmap}: reads a table's heatmap cells and every partition-map revision from
 * the warehouse and draws them (core's {@code dev.thermocline.core.render}) as a PNG or a
 * self-contained HTML page with the exact values on hover.
 */
public final class HeatmapPictureAction implements Action<HeatmapPictureRequest> {

    @Override
    public int run(HeatmapPictureRequest request, ActionContext context) throws IOException {
        ThermoclineConfig config = context.config();
        TableSpec spec = config.table(request.table());
        Catalog catalog = IcebergCatalogs.load(config.catalogSettings());
        try {
            Namespace ns = Namespace.of(config.namespace());
            ThermoclineTables.createAll(catalog, ns);
            PartitionMapHistory history = new PartitionMapStore(catalog, ns, config.tables()).load(request.table());
            HeatGrid grid = new HeatGridBuilder(history, spec.keyType(), declaredDomain(spec)).build(
                    new IcebergHeatmapCells(catalog, ns, request.table(), request.from(), request.to()),
                    request.from(), request.to());
            write(HeatmapLayout.draw(grid), request);
            report(grid, request, context);
            return ExitCode.OK;
        } finally {
            if (catalog instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    context.err().println("closing the catalog failed: " + e.getMessage());
                }
            }
        }
    }

    /** The configured key domain, which the linear key axis always covers. */
    static Optional<KeyRange> declaredDomain(TableSpec spec) {
        return spec.initialPartitioning() instanceof InitialPartitioning.EqualRanges eq
                ? Optional.of(KeyRange.of(eq.low(), eq.high()))
                : Optional.empty();
    }

    private static void write(Drawing drawing, HeatmapPictureRequest request) throws IOException {
        Path out = request.out();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        if (request.format() == PictureFormat.PNG) {
            Files.write(out, PngPainter.png(drawing));
        } else {
            Files.writeString(out, HtmlPage.render(drawing, "Access heat of " + request.table()), StandardCharsets.UTF_8);
        }
    }

    private static void report(HeatGrid grid, HeatmapPictureRequest request, ActionContext context) {
        if (!grid.unknownPartitions().isEmpty()) {
            context.err().println("skipped the cells of partitions no revision of '" + request.table() + "' has: "
                    + String.join(", ", grid.unknownPartitions()));
        }
        context.out().printf("wrote %s: %d cells of '%s' from %s to %s, %d time columns x %d key bands, %d revisions%n",
                request.out(), grid.cells(), request.table(), grid.time().from(), grid.time().to(), grid.time().columns(),
                grid.keys().bands(), grid.revisions().size());
        context.out().flush();
        context.err().flush();
    }
}
