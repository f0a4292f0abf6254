package dev.thermocline.cli;

import dev.thermocline.flink.config.ThermoclineConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code thermocline heatmap}: draws the heatmap table (not to be confused with {@code run heatmap}, the job). */
@Command(name = "heatmap", sortOptions = false, optionListHeading = "%nOptions:%n",
        customSynopsis = {
            "thermocline heatmap --table TABLE [--from TIME] [--to TIME]",
            "         --out FILE.png|FILE.html [OPTIONS]"
        },
        description = {
            "Draws a table's heatmap as PNG or HTML",
            "",
            "Draws how access to a table is distributed over its key space and over time, with the partition "
                    + "boundaries of each revision, as a PNG picture or an HTML page. Not the same as "
                    + "'run heatmap', the job that computes the heatmap."
        },
        footer = {
            "",
            "Examples:",
            "  thermocline heatmap --table orders --out orders-heat.png",
            "  thermocline heatmap --table orders --from 2026-11-24T00:00:00Z \\",
            "      --to 2026-11-25T00:00:00Z --out orders-heat.html"
        })
final class HeatmapCommand extends ActionCommand<HeatmapPictureRequest> {

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "A configured table.")
    String table;

    @Option(names = "--from", paramLabel = "TIME", converter = InstantConverter.class,
            description = {"The first window to draw: an ISO-8601 instant or epoch milliseconds.", "Default: the oldest present"})
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = InstantConverter.class,
            description = {"The end of the last window to draw.", "Default: the newest present"})
    Instant to;

    @Option(names = "--out", required = true, paramLabel = "FILE.png|FILE.html",
            description = "The picture file; its extension (.png or .html) chooses the format.")
    Path out;

    HeatmapCommand(ThermoclineCommand root) {
        super(root);
    }

    @Override
    HeatmapPictureRequest request(ThermoclineConfig config) {
        table(config, table);
        if (from != null && to != null && !from.isBefore(to)) {
            throw badArgument("--from " + from + " is not before --to " + to);
        }
        PictureFormat format = PictureFormat.of(out);
        if (format == null) {
            throw badArgument("--out '" + out + "' must end in .png or .html");
        }
        return new HeatmapPictureRequest(table, Optional.ofNullable(from), Optional.ofNullable(to),
                outputFile("--out", out), format);
    }

    @Override
    Action<HeatmapPictureRequest> action(Actions actions) {
        return actions.heatmap();
    }
}
