package dev.thermocline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Where a {@code run} job reads its input: {@code --source kafka} (default) or {@code --source file:PATH.jsonl}. */
public sealed interface JobSource {

    /** The configured Kafka topics (or the embedded broker when none is configured); unbounded. */
    record Kafka() implements JobSource {
        @Override
        public String toString() {
            return "kafka";
        }
    }

    /** A JSON-lines file, one record per line; bounded, so the job stops at the end of the file. */
    record JsonLinesFile(Path path) implements JobSource {
        public JsonLinesFile {
            Objects.requireNonNull(path, "path is required.");
        }

        @Override
        public String toString() {
            return "file:" + path;
        }
    }

    /** Reads {@code kafka} or {@code file:PATH} (relative to {@code workingDirectory}; the file must exist). */
    static JobSource parse(String text, Path workingDirectory) {
        if (text.equals("kafka")) {
            return new Kafka();
        }
        if (!text.startsWith("file:") || text.length() == "file:".length()) {
            throw new IllegalArgumentException("--source '" + text + "' is neither kafka nor file:PATH");
        }
        Path path = workingDirectory.resolve(text.substring("file:".length())).normalize();
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("--source '" + text + "': " + path + " is not a readable file");
        }
        return new JsonLinesFile(path);
    }
}
