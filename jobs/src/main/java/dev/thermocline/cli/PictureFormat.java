package dev.thermocline.cli;

import java.nio.file.Path;
import java.util.Locale;

/** The heatmap picture's format, chosen by the {@code --out} file's extension. */
public enum PictureFormat {
    PNG,
    HTML;

    /** The format {@code file}'s extension names ({@code .png} or {@code .html}, any case), or null. */
    static PictureFormat of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return PNG;
        }
        if (name.endsWith(".html")) {
            return HTML;
        }
        return null;
    }
}
