package dev.thermocline.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory a demo runs in. A rerun starts from scratch: the previous demo's files are removed,
 * but only when the directory is recognisably the demo's (its {@code thermocline.yaml} starts with
 * {@link #MARKER}); anything else there is refused rather than deleted.
 */
public final class DemoDirectory {

    public static final String MARKER = "# written by thermocline demo";

    private DemoDirectory() {}

    public static void prepare(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                List<Path> all = entries.toList();
                Path config = dir.resolve("thermocline.yaml");
                boolean ours = Files.isRegularFile(config) && Files.readString(config).startsWith(MARKER);
                if (!all.isEmpty() && !ours) {
                    throw new IllegalArgumentException(dir + " exists and was not made by thermocline demo; "
                            + "move it away or run the demo in another directory");
                }
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }
}
