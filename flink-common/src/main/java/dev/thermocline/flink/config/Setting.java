package dev.thermocline.flink.config;

import java.util.List;

/**
 * One option's value from one source.
 *
 * @param key the concrete key path and the option it resolves to
 * @param value a {@code String}, or a {@code List<String>} for list options
 * @param origin where it came from, for error messages: a file path, an environment variable, a flag
 */
record Setting(ConfigOption.ResolvedKey key, Object value, String origin) {

    String path() {
        return key.path();
    }

    String text() {
        return (String) value;
    }

    @SuppressWarnings("unchecked")
    List<String> list() {
        return (List<String>) value;
    }

    /** {@code key.path: 'value' <problem> (from origin)}: the one-line form every validation error takes. */
    ConfigException invalid(String problem) {
        return new ConfigException(path() + ": '" + display() + "' " + problem + " (" + origin + ")");
    }

    private String display() {
        return value instanceof List<?> l ? l.toString() : String.valueOf(value);
    }
}
