package dev.thermocline.flink.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code k1=v1,k2=v2} (or one {@code k=v} per line, when a value contains a comma), the form
 * property maps take in an environment variable. Keys and values are trimmed; a value may contain
 * {@code =}.
 */
final class PropertyPairs {

    private PropertyPairs() {}

    static Map<String, String> parse(String text, String variable) {
        String separator = text.contains("\n") ? "\n" : ",";
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : text.split(separator)) {
            if (item.isBlank()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0 || item.substring(0, eq).isBlank()) {
                throw new ConfigException(variable + ": '" + item.trim() + "' is not key=value");
            }
            out.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
        }
        return out;
    }
}
