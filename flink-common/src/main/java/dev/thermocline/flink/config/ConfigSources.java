package dev.thermocline.flink.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a configuration comes from, lowest precedence first: built-in defaults, the file
 * ({@link #configFile} if given, else {@code THERMOCLINE_CONFIG}, else {@code thermocline.yaml} in
 * {@link #workingDirectory} if present), the environment, then the overrides (command-line flags,
 * applied in order, so a later override of the same key wins).
 *
 * <p>The environment is passed in as a map so that callers (and tests) decide what it is.
 *
 * @param workingDirectory resolves relative paths: the file, a local warehouse
 * @param configFile the file named on the command line ({@code --config}), or null
 * @param environment environment variables; only {@code THERMOCLINE_*} ones are read
 * @param overrides key path = value pairs from flags
 */
public record ConfigSources(Path workingDirectory, Path configFile, Map<String, String> environment,
                            List<Override> overrides) {

    /**
     * One flag's setting.
     *
     * @param key a key path, as in {@link ConfigOption#key()} with a concrete name
     * @param value the value as text (lists: {@code a,b} or {@code [a, b]})
     * @param origin how the user gave it, for error messages: {@code --warehouse}, {@code -D warehouse}
     */
    public record Override(String key, String value, String origin) {
        public Override {
            Objects.requireNonNull(key, "key is required.");
            Objects.requireNonNull(value, "value of '" + key + "' is required.");
            Objects.requireNonNull(origin, "origin is required.");
        }
    }

    public ConfigSources {
        Objects.requireNonNull(workingDirectory, "workingDirectory is required.");
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment is required."));
        overrides = List.copyOf(Objects.requireNonNull(overrides, "overrides are required."));
    }

    /** No file named, an empty environment, no overrides: what is found in {@code workingDirectory} and the defaults. */
    public static ConfigSources in(Path workingDirectory) {
        return new ConfigSources(workingDirectory, null, Map.of(), List.of());
    }

    public ConfigSources withConfigFile(Path file) {
        return new ConfigSources(workingDirectory, file, environment, overrides);
    }

    public ConfigSources withEnvironment(Map<String, String> variables) {
        return new ConfigSources(workingDirectory, configFile, variables, overrides);
    }

    /** Adds an override after the existing ones (so it wins over them for the same key). */
    public ConfigSources withOverride(String key, String value, String origin) {
        List<Override> more = new ArrayList<>(overrides);
        more.add(new Override(key, value, origin));
        return new ConfigSources(workingDirectory, configFile, environment, more);
    }
}
