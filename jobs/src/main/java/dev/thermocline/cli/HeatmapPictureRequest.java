package dev.thermocline.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code thermocline heatmap}: a picture of a table's access heat over key space and time.
 *
 * @param table a configured table
 * @param from the first window to draw, or empty for the oldest present
 * @param to the end of the last window to draw, or empty for the newest present
 * @param out the picture file
 * @param format PNG or HTML, from {@code out}'s extension
 */
public record HeatmapPictureRequest(String table, Optional<Instant> from, Optional<Instant> to, Path out,
                                    PictureFormat format) {

    public HeatmapPictureRequest {
        Objects.requireNonNull(table, "table is required.");
        Objects.requireNonNull(from, "from is required (empty for the oldest).");
        Objects.requireNonNull(to, "to is required (empty for the newest).");
        Objects.requireNonNull(out, "out is required.");
        Objects.requireNonNull(format, "format is required.");
    }
}
