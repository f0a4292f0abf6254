package dev.thermocline.flink.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every configuration option, documented once: its key path in {@code thermocline.yaml}, its
 * default, its environment variable and its command-line flag. The YAML reader, the environment
 * mapping and {@code -D key=value} overrides all resolve keys against this list, so an option
 * missing here cannot be set anywhere and a key not matching any option is an error.
 *
 * <p>{@code <name>} in a key stands for a free name: a catalog or Kafka property name (which may
 * contain dots) or a table name.
 */
public enum ConfigOption {

    WAREHOUSE("warehouse", Shape.TEXT, "./warehouse", "THERMOCLINE_WAREHOUSE", "--warehouse",
            "Where the Iceberg tables live: a local directory (relative paths resolve against the working directory) or s3://bucket/prefix."),
    NAMESPACE("namespace", Shape.TEXT, "thermocline", "THERMOCLINE_NAMESPACE", "--namespace",
            "Iceberg namespace of Thermocline's tables (heatmap, partition_map, changelog, backups, ...)."),
    CATALOG_TYPE("catalog.type", Shape.TEXT, "jdbc", "THERMOCLINE_CATALOG_TYPE", "--catalog-type",
            "Iceberg catalog: jdbc (a SQLite file catalog.db in the warehouse unless catalog.properties.uri is set), rest, glue or hadoop."),
    CATALOG_PROPERTIES("catalog.properties.<name>", Shape.PROPERTY, null, "THERMOCLINE_CATALOG_PROPERTIES", null,
            "Iceberg catalog properties passed through (uri, jdbc.*, s3.endpoint, s3.path-style-access, client.region, ...). "
                    + "Environment: k=v pairs separated by commas, or by newlines when a value contains a comma."),
    KAFKA_BOOTSTRAP_SERVERS("kafka.bootstrap-servers", Shape.TEXT, null, "THERMOCLINE_KAFKA_BOOTSTRAP_SERVERS",
            "--kafka-bootstrap-servers",
            "Kafka brokers (host:port,...). Unset: an embedded in-process broker where a command needs one."),
    KAFKA_PROPERTIES("kafka.properties.<name>", Shape.PROPERTY, null, "THERMOCLINE_KAFKA_PROPERTIES", null,
            "Kafka client properties passed through (security.protocol, sasl.*, ssl.*, ...); same environment syntax as catalog properties."),
    KAFKA_TOPICS_ACCESS("kafka.topics.access", Shape.TEXT, "access-log", "THERMOCLINE_KAFKA_TOPICS_ACCESS", null,
            "The access-log topic the heatmap job reads."),
    KAFKA_TOPICS_CHANGES("kafka.topics.changes", Shape.LIST, "changes", "THERMOCLINE_KAFKA_TOPICS_CHANGES", null,
            "The change-event (Debezium) topic, or a list of them (one per table); environment: comma-separated."),
    KAFKA_TOPICS_DEAD_LETTER("kafka.topics.dead-letter", Shape.TEXT, "thermocline-dead-letters",
            "THERMOCLINE_KAFKA_TOPICS_DEAD_LETTER", null,
            "Where every job writes records it cannot parse or validate, with the reason."),
    TABLE_KEY("tables.<name>.key", Shape.TEXT, null, null, null,
            "Required. The key column in the change events' before/after images."),
    TABLE_KEY_TYPE("tables.<name>.key-type", Shape.TEXT, null, null, null,
            "Required. long (ordered numerically) or string (ordered by UTF-8 bytes)."),
    TABLE_KEY_DOMAIN("tables.<name>.key-domain", Shape.LIST, null, null, null,
            "[low, high): the key domain split into initial-partitions equal ranges. Either this or boundaries."),
    TABLE_INITIAL_PARTITIONS("tables.<name>.initial-partitions", Shape.TEXT, "16", null, null,
            "How many equal ranges key-domain is split into at first."),
    TABLE_BOUNDARIES("tables.<name>.boundaries", Shape.LIST, null, null, null,
            "Explicit, strictly increasing initial boundaries: n boundaries make n+1 partitions. Either this or key-domain.");

    /** The environment variable naming the configuration file (below --config, above ./thermocline.yaml). */
    public static final String CONFIG_FILE_ENV = "THERMOCLINE_CONFIG";
    /** The file looked for in the working directory when no file is named. */
    public static final String DEFAULT_FILE_NAME = "thermocline.yaml";

    /** What a value looks like. */
    public enum Shape {
        /** One value. */
        TEXT,
        /** A list ({@code [a, b]} in YAML; {@code a,b} or {@code [a, b]} in the environment and flags). */
        LIST,
        /** One entry of a free-form property map; the key's {@code <name>} is the property name. */
        PROPERTY
    }

    private final String key;
    private final Shape shape;
    private final String defaultValue;
    private final String environmentVariable;
    private final String flag;
    private final String description;
    private final Pattern pattern;

    ConfigOption(String key, Shape shape, String defaultValue, String environmentVariable, String flag,
                 String description) {
        this.key = key;
        this.shape = shape;
        this.defaultValue = defaultValue;
        this.environmentVariable = environmentVariable;
        this.flag = flag;
        this.description = description;
        // A table name may contain dots: the field after the last dot is the option.
        this.pattern = Pattern.compile(Pattern.quote(key).replace("<name>", "\\E(.+)\\Q"));
    }

    /** The key path, with {@code <name>} where a table or property name goes. */
    public String key() {
        return key;
    }

    public Shape shape() {
        return shape;
    }

    /** The built-in default as text, or null when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    /** The environment variable that sets it, or null when only the file and {@code -D} can. */
    public String environmentVariable() {
        return environmentVariable;
    }

    /** The dedicated command-line flag, or null ({@code -D key=value} sets any option). */
    public String flag() {
        return flag;
    }

    public String description() {
        return description;
    }

    /** Whether the key contains a free {@code <name>}. */
    public boolean isNamed() {
        return key.contains("<name>");
    }

    /** The concrete key path for {@code name} (a table or property name). */
    public String keyFor(String name) {
        return key.replace("<name>", name);
    }

    /** The name a concrete key path carries for this option, or null when the path is not this option's. */
    String nameIn(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return null;
        }
        return isNamed() ? m.group(1) : "";
    }

    /** The option a concrete key path sets, or null when no option has that path. */
    static ResolvedKey resolve(String path) {
        for (ConfigOption option : values()) {
            String name = option.nameIn(path);
            if (name != null) {
                return new ResolvedKey(option, option.isNamed() ? name : null, path);
            }
        }
        return null;
    }

    /** A concrete key path resolved to its option and, for named options, the name. */
    record ResolvedKey(ConfigOption option, String name, String path) {}
}
