package dev.thermocline.flink.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Applies the sources of {@link ConfigSources} in precedence order, then binds and validates the result. */
final class ConfigLoader {

    private ConfigLoader() {}

    static ThermoclineConfig load(ConfigSources sources) {
        LayeredSettings settings = new LayeredSettings();
        putDefaults(settings);
        Path file = chooseFile(sources);
        if (file != null) {
            YamlConfigReader.read(file, settings);
        }
        putEnvironment(sources.environment(), settings);
        for (ConfigSources.Override o : sources.overrides()) {
            settings.putText(o.key(), o.value(), o.origin());
        }
        return ConfigBinder.bind(settings, sources.workingDirectory(), file);
    }

    /** The built-in defaults alone. */
    static ThermoclineConfig defaults(Path workingDirectory) {
        LayeredSettings settings = new LayeredSettings();
        putDefaults(settings);
        return ConfigBinder.bind(settings, workingDirectory.toAbsolutePath().normalize(), null);
    }

    private static void putDefaults(LayeredSettings settings) {
        for (ConfigOption option : ConfigOption.values()) {
            if (option.defaultValue() != null && !option.isNamed()) {
                settings.putText(option.key(), option.defaultValue(), "default");
            }
        }
    }

    /** --config, else THERMOCLINE_CONFIG, else ./thermocline.yaml if it exists; a named file must exist. */
    private static Path chooseFile(ConfigSources sources) {
        Path wd = sources.workingDirectory();
        if (sources.configFile() != null) {
            return existing(wd.resolve(sources.configFile()).normalize(), "--config");
        }
        String fromEnv = sources.environment().get(ConfigOption.CONFIG_FILE_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return existing(wd.resolve(fromEnv.trim()).normalize(), "environment " + ConfigOption.CONFIG_FILE_ENV);
        }
        Path found = wd.resolve(ConfigOption.DEFAULT_FILE_NAME);
        return Files.isRegularFile(found) ? found : null;
    }

    private static Path existing(Path file, String givenBy) {
        if (!Files.exists(file)) {
            throw new ConfigException("configuration file " + file + " does not exist (given by " + givenBy + ")");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigException("configuration file " + file + " is not a readable file (given by " + givenBy + ")");
        }
        return file;
    }

    /** Empty variables count as unset, so {@code THERMOCLINE_X= cmd} does not blank an option. */
    private static void putEnvironment(Map<String, String> env, LayeredSettings settings) {
        for (ConfigOption option : ConfigOption.values()) {
            String variable = option.environmentVariable();
            String value = variable == null ? null : env.get(variable);
            if (value == null || value.isBlank()) {
                continue;
            }
            String origin = "environment " + variable;
            if (option.shape() == ConfigOption.Shape.PROPERTY) {
                PropertyPairs.parse(value, variable).forEach((k, v) -> settings.putText(option.keyFor(k), v, origin));
            } else {
                settings.putText(option.key(), value.trim(), origin);
            }
        }
    }
}
