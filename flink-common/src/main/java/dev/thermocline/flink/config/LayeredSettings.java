package dev.thermocline.flink.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;

/**
 * The settings of all sources, flattened to key paths; a later {@link #put} of the same path wins,
 * which is how the precedence defaults &lt; file &lt; environment &lt; flags is applied.
 */
final class LayeredSettings {

    private final Map<String, Setting> byPath = new LinkedHashMap<>();

    /** Sets {@code path}, which must resolve to an option; text for list options is split on commas. */
    void putText(String path, String text, String origin) {
        ConfigOption.ResolvedKey key = resolve(path, origin);
        Object value = key.option().shape() == ConfigOption.Shape.LIST ? splitList(text) : text;
        byPath.put(key.path(), new Setting(key, value, origin));
    }

    void putList(String path, List<String> values, String origin) {
        ConfigOption.ResolvedKey key = resolve(path, origin);
        byPath.put(key.path(), new Setting(key, List.copyOf(values), origin));
    }

    /** The setting of a fixed (unnamed) option, or null when no source set it. */
    Setting get(ConfigOption option) {
        return byPath.get(option.key());
    }

    /** Every setting of a named option, in first-set order. */
    List<Setting> named(ConfigOption option) {
        List<Setting> out = new ArrayList<>();
        for (Setting s : byPath.values()) {
            if (s.key().option() == option) {
                out.add(s);
            }
        }
        return out;
    }

    /** {@code a,b} or {@code [a, b]} → [a, b]; blank → empty list. */
    static List<String> splitList(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1).trim();
        }
        if (t.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(t.split(",", -1)).map(String::trim).toList();
    }

    private static ConfigOption.ResolvedKey resolve(String path, String origin) {
        ConfigOption.ResolvedKey key = ConfigOption.resolve(path);
        if (key == null) {
            throw new ConfigException("unknown configuration key '" + path + "' (" + origin + "); known keys: "
                    + String.join(", ", knownKeys()));
        }
        return key;
    }

    static List<String> knownKeys() {
        return Arrays.stream(ConfigOption.values()).map(ConfigOption::key).toList();
    }

    /** The names that may follow {@code prefix} in some option's key ({@code <name>} included), in declaration order. */
    static LinkedHashSet<String> childrenOf(String prefix) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        String p = prefix.isEmpty() ? "" : prefix + ".";
        for (ConfigOption option : ConfigOption.values()) {
            if (option.key().startsWith(p)) {
                String rest = option.key().substring(p.length());
                int dot = rest.indexOf('.');
                out.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        return out;
    }
}
