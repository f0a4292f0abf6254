package dev.thermocline.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the command takes from the process around it, passed in so tests choose it.
 *
 * @param variables environment variables (configuration reads the {@code THERMOCLINE_*} ones)
 * @param workingDirectory resolves relative paths and holds {@code thermocline.yaml}
 * @param clock "now", e.g. the default {@code --as-of} of {@code partition-map}
 */
public record CliEnvironment(Map<String, String> variables, Path workingDirectory, Clock clock) {

    public CliEnvironment {
        variables = Map.copyOf(Objects.requireNonNull(variables, "variables are required."));
        workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory is required.").toAbsolutePath().normalize();
        Objects.requireNonNull(clock, "clock is required.");
    }

    /** This process's environment, working directory and the system clock. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Path.of(""), Clock.systemUTC());
    }

    /** {@code path} resolved against the working directory. */
    public Path resolve(Path path) {
        return workingDirectory.resolve(path).normalize();
    }
}
