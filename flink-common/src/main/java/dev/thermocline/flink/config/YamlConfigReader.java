package dev.thermocline.flink.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code thermocline.yaml} into {@link LayeredSettings}, walking the document against the key
 * paths of {@link ConfigOption}: a key that no option has is an error naming the key, the file and
 * the keys allowed there (typos are never silently ignored), and so is a duplicate key.
 */
final class YamlConfigReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String NAME = "<name>";

    private final String origin;
    private final LayeredSettings into;

    private YamlConfigReader(Path file, LayeredSettings into) {
        this.origin = file.toString();
        this.into = into;
    }

    static void read(Path file, LayeredSettings into) {
        JsonNode root;
        try {
            root = Files.size(file) == 0 ? null : YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException("cannot read " + file + ": " + firstLine(e.getOriginalMessage()) + at(e.getLocation()), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e, e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        new YamlConfigReader(file, into).mapping(root, "", "");
    }

    /**
     * @param pattern the key so far as in {@link ConfigOption#key()} ({@code <name>} for free names)
     * @param path the concrete key so far
     */
    private void mapping(JsonNode node, String pattern, String path) {
        if (node.isNull()) {
            if (pattern.endsWith(NAME)) {
                // "orders:" with nothing under it would silently configure nothing
                throw new ConfigException(path + ": has no settings (" + origin + ")");
            }
            return; // "kafka:" with nothing under it is an empty section
        }
        if (!node.isObject()) {
            throw new ConfigException((path.isEmpty() ? "the document" : path) + ": expected a mapping of keys, got "
                    + describe(node) + " (" + origin + ")");
        }
        Set<String> allowed = LayeredSettings.childrenOf(pattern);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String childPath = join(path, field.getKey());
            String childPattern = allowed.contains(field.getKey()) ? join(pattern, field.getKey())
                    : allowed.contains(NAME) ? join(pattern, NAME) : null;
            if (childPattern == null) {
                throw new ConfigException("unknown key '" + childPath + "' in " + origin + "; "
                        + (path.isEmpty() ? "top-level keys are " : "keys under '" + path + "' are ")
                        + String.join(", ", allowed));
            }
            ConfigOption option = optionWithKey(childPattern);
            if (option == null) {
                mapping(field.getValue(), childPattern, childPath);
            } else if (option.shape() == ConfigOption.Shape.LIST) {
                into.putList(childPath, list(field.getValue(), childPath), origin);
            } else {
                into.putText(childPath, scalar(field.getValue(), childPath), origin);
            }
        }
    }

    private String scalar(JsonNode node, String path) {
        if (node.isNull()) {
            throw new ConfigException(path + ": has no value (" + origin + ")");
        }
        if (!node.isValueNode()) {
            throw new ConfigException(path + ": expected a single value, got " + describe(node) + " (" + origin + ")");
        }
        return node.asText();
    }

    /** A YAML list of values; a single value is a list of one. */
    private List<String> list(JsonNode node, String path) {
        if (!node.isArray()) {
            return List.of(scalar(node, path));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(scalar(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static ConfigOption optionWithKey(String pattern) {
        for (ConfigOption option : ConfigOption.values()) {
            if (option.key().equals(pattern)) {
                return option;
            }
        }
        return null;
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "'" + node.asText() + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid YAML";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
