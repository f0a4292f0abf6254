package dev.thermocline.testing.cluster;

import java.util.Map;
import java.util.TreeMap;

/** Flink 2's {@code config.yaml} is standard YAML: flat keys ({@code a.b.c: v}) written as nested maps. */
final class FlinkYaml {

    private FlinkYaml() {}

    static String nested(Map<String, String> flat) {
        Map<String, Object> root = new TreeMap<>();
        flat.forEach((key, value) -> put(root, key, value));
        StringBuilder out = new StringBuilder();
        write(root, 0, out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String key, String value) {
        String[] parts = key.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.computeIfAbsent(parts[i], k -> new TreeMap<String, Object>());
            if (!(child instanceof Map)) {
                throw new IllegalArgumentException("key " + key + " nests under a key that has a value");
            }
            node = (Map<String, Object>) child;
        }
        if (node.put(parts[parts.length - 1], value) instanceof Map) {
            throw new IllegalArgumentException("key " + key + " has both a value and nested keys");
        }
    }

    @SuppressWarnings("unchecked")
    private static void write(Map<String, Object> node, int indent, StringBuilder out) {
        node.forEach((key, value) -> {
            out.append("  ".repeat(indent)).append(key).append(':');
            if (value instanceof Map) {
                out.append('\n');
                write((Map<String, Object>) value, indent + 1, out);
            } else {
                out.append(" '").append(((String) value).replace("'", "''")).append("'\n");
            }
        });
    }
}
