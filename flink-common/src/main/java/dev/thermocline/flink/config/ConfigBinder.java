package dev.thermocline.flink.config;

import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.catalog.CatalogType;
import dev.thermocline.flink.kafka.KafkaSettings;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.List;

/** Turns the merged settings into a validated {@link ThermoclineConfig}; every error names key, value and origin. */
final class ConfigBinder {

    private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

    private ConfigBinder() {}

    static ThermoclineConfig bind(LayeredSettings s, Path workingDirectory, Path file) {
        String warehouse = warehouse(s.get(ConfigOption.WAREHOUSE), workingDirectory);
        String namespace = text(s.get(ConfigOption.NAMESPACE));
        CatalogType catalogType = catalogType(s.get(ConfigOption.CATALOG_TYPE));
        Map<String, String> catalogProperties = properties(s, ConfigOption.CATALOG_PROPERTIES);
        KafkaConfig kafka = kafka(s);
        Map<String, TableSpec> tables = TableBinder.bind(s);
        HeatmapConfig heatmap = HeatmapBinder.bind(s);
        ThermoclineConfig config = new ThermoclineConfig(
                warehouse, namespace, catalogType, catalogProperties, kafka, tables, heatmap, file,
                TuningBinder.backup(s), TuningBinder.repartition(s));
        try {
            config.catalogSettings();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("catalog: " + e.getMessage() + " (catalog.type from "
                    + s.get(ConfigOption.CATALOG_TYPE).origin() + ", warehouse from " + s.get(ConfigOption.WAREHOUSE).origin() + ")", e);
        }
        return config;
    }

    /**
     * A local path (or {@code file:} URI) is made absolute against the working directory; any other
     * URI ({@code s3://bucket/prefix}) is kept as given.
     */
    private static String warehouse(Setting setting, Path workingDirectory) {
        String text = text(setting);
        if (text.startsWith("file:")) {
            try {
                return Paths.get(URI.create(text)).toAbsolutePath().normalize().toString();
            } catch (IllegalArgumentException | FileSystemNotFoundException e) {
                throw setting.invalid("is not an absolute file: URI (e.g. file:///data/warehouse)");
            }
        }
        if (URI_SCHEME.matcher(text).matches()) {
            return text;
        }
        return workingDirectory.resolve(text).toAbsolutePath().normalize().toString();
    }

    private static CatalogType catalogType(Setting setting) {
        String text = text(setting);
        try {
            return CatalogType.fromId(text);
        } catch (IllegalArgumentException e) {
            List<String> ids = Arrays.stream(CatalogType.values()).map(CatalogType::id).toList();
            throw setting.invalid("is not " + String.join(", ", ids.subList(0, ids.size() - 1))
                    + " or " + ids.get(ids.size() - 1));
        }
    }

    private static KafkaConfig kafka(LayeredSettings s) {
        Setting servers = s.get(ConfigOption.KAFKA_BOOTSTRAP_SERVERS);
        Map<String, String> properties = properties(s, ConfigOption.KAFKA_PROPERTIES);
        for (Setting p : s.named(ConfigOption.KAFKA_PROPERTIES)) {
            if (KafkaSettings.MANAGED_PROPERTIES.contains(p.key().name())) {
                throw p.invalid("cannot be set here: "
                        + (p.key().name().equals("bootstrap.servers") ? "use kafka.bootstrap-servers" : "Thermocline sets it"));
            }
        }
        Setting changes = s.get(ConfigOption.KAFKA_TOPICS_CHANGES);
        if (changes.list().isEmpty()) {
            throw changes.invalid("is empty: name at least one change topic");
        }
        for (String topic : changes.list()) {
            if (topic.isBlank()) {
                throw changes.invalid("has an empty topic name");
            }
        }
        KafkaTopics topics = new KafkaTopics(text(s.get(ConfigOption.KAFKA_TOPICS_ACCESS)), changes.list(),
                text(s.get(ConfigOption.KAFKA_TOPICS_DEAD_LETTER)));
        return new KafkaConfig(servers == null ? null : text(servers), properties, topics);
    }

    private static Map<String, String> properties(LayeredSettings s, ConfigOption option) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting p : s.named(option)) {
            out.put(p.key().name(), p.text());
        }
        return Collections.unmodifiableMap(out);
    }

    /** A value that must not be blank. */
    static String text(Setting setting) {
        if (setting.text().isBlank()) {
            throw setting.invalid("is empty");
        }
        return setting.text().trim();
    }
}
