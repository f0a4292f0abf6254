package dev.thermocline.cli;

import java.nio.file.Path;
import java.util.Objects;

/** Where restored rows go: an Iceberg table ({@code --into}) or a JSON-lines file ({@code --output}). */
public sealed interface RestoreTarget {

    /** A table in Thermocline's namespace, written in one atomic commit. */
    record IcebergTable(String name) implements RestoreTarget {
        public IcebergTable {
            Objects.requireNonNull(name, "name is required.");
        }
    }

    /** One JSON object per row, sorted by key: {@code {"key": …, "row": {…}, "lsn": …, "ts": "…"}}. */
    record JsonLinesFile(Path path) implements RestoreTarget {
        public JsonLinesFile {
            Objects.requireNonNull(path, "path is required.");
        }
    }
}
