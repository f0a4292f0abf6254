package dev.thermocline.flink.config;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds the {@code tables.<name>.*} settings to core's {@link TableSpec}s, in the order tables were first named. */
final class TableBinder {

    static final int DEFAULT_INITIAL_PARTITIONS = Integer.parseInt(ConfigOption.TABLE_INITIAL_PARTITIONS.defaultValue());

    private static final List<ConfigOption> TABLE_OPTIONS = List.of(ConfigOption.TABLE_KEY, ConfigOption.TABLE_KEY_TYPE,
            ConfigOption.TABLE_KEY_DOMAIN, ConfigOption.TABLE_INITIAL_PARTITIONS, ConfigOption.TABLE_BOUNDARIES);

    private TableBinder() {}

    static Map<String, TableSpec> bind(LayeredSettings s) {
        Map<String, Map<ConfigOption, Setting>> byTable = new LinkedHashMap<>();
        for (ConfigOption option : TABLE_OPTIONS) {
            for (Setting setting : s.named(option)) {
                byTable.computeIfAbsent(setting.key().name(), n -> new EnumMap<>(ConfigOption.class)).put(option, setting);
            }
        }
        Map<String, TableSpec> out = new LinkedHashMap<>();
        byTable.forEach((name, fields) -> out.put(name, table(name, fields)));
        return Collections.unmodifiableMap(out);
    }

    private static TableSpec table(String name, Map<ConfigOption, Setting> fields) {
        String where = "tables." + name;
        String origin = fields.values().iterator().next().origin();
        Setting keyColumn = required(fields, ConfigOption.TABLE_KEY, where, origin,
                "the key column of the change events' before/after images");
        Setting keyTypeSetting = required(fields, ConfigOption.TABLE_KEY_TYPE, where, origin, "long or string");
        KeyType keyType;
        try {
            keyType = KeyType.fromName(keyTypeSetting.text());
        } catch (IllegalArgumentException e) {
            throw keyTypeSetting.invalid("is not long or string");
        }
        TableSpec spec;
        try {
            spec = new TableSpec(name, ConfigBinder.text(keyColumn), keyType, partitioning(fields, keyType, where, origin));
            PartitionMap.initial(spec, Instant.EPOCH); // e.g. a domain too narrow for its partitions
        } catch (IllegalArgumentException e) {
            String tablePrefix = "table '" + name + "': "; // core names the table; the key path already does
            String message = e.getMessage().startsWith(tablePrefix) ? e.getMessage().substring(tablePrefix.length()) : e.getMessage();
            throw new ConfigException(where + ": " + message + " (" + origin + ")", e);
        }
        return spec;
    }

    private static InitialPartitioning partitioning(Map<ConfigOption, Setting> fields, KeyType keyType,
                                                    String where, String origin) {
        Setting domain = fields.get(ConfigOption.TABLE_KEY_DOMAIN);
        Setting boundaries = fields.get(ConfigOption.TABLE_BOUNDARIES);
        Setting count = fields.get(ConfigOption.TABLE_INITIAL_PARTITIONS);
        if (domain != null && boundaries != null) {
            throw new ConfigException(where + ": key-domain (" + domain.origin() + ") and boundaries ("
                    + boundaries.origin() + ") exclude each other: give one");
        }
        if (boundaries != null) {
            if (count != null) {
                throw new ConfigException(where + ": initial-partitions (" + count.origin()
                        + ") goes with key-domain, not with boundaries (" + boundaries.origin() + ")");
            }
            return new InitialPartitioning.ExplicitBoundaries(keys(boundaries, keyType));
        }
        if (domain == null) {
            throw new ConfigException(where + ": needs key-domain: [low, high] (split into initial-partitions, default "
                    + DEFAULT_INITIAL_PARTITIONS + ") or boundaries: [...] (" + origin + ")");
        }
        List<Key> ends = keys(domain, keyType);
        if (ends.size() != 2) {
            throw domain.invalid("is not [low, high]: it has " + ends.size() + " value(s)");
        }
        return new InitialPartitioning.EqualRanges(count == null ? DEFAULT_INITIAL_PARTITIONS : partitions(count),
                ends.get(0), ends.get(1));
    }

    private static List<Key> keys(Setting setting, KeyType keyType) {
        List<Key> keys = new ArrayList<>();
        for (String text : setting.list()) {
            try {
                keys.add(keyType.parse(text));
            } catch (IllegalArgumentException e) {
                throw setting.invalid("has a value that is not a " + keyType.configName() + " key: " + e.getMessage());
            }
        }
        return keys;
    }

    private static int partitions(Setting setting) {
        try {
            int n = Integer.parseInt(setting.text().trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw setting.invalid("is not a whole number of at least 1");
    }

    private static Setting required(Map<ConfigOption, Setting> fields, ConfigOption option, String where,
                                    String origin, String what) {
        Setting s = fields.get(option);
        if (s == null) {
            String field = option.key().substring(option.key().lastIndexOf('.') + 1);
            throw new ConfigException(where + "." + field + ": is missing (" + what + ") (" + origin + ")");
        }
        return s;
    }
}
