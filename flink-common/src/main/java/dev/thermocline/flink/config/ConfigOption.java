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
            "Explicit, strictly increasing initial boundaries: n boundaries make n+1 partitions. Either this or key-domain."),

    // The heatmap job (heatmap-job; bound by HeatmapConfig). Durations: 500ms, 30s, 1m, 2h, 4d or ISO-8601 (PT1M).
    HEATMAP_WINDOW("heatmap.window", Shape.TEXT, "1m", "THERMOCLINE_HEATMAP_WINDOW", null,
            "Width of a heatmap cell: tumbling event-time windows aligned to the epoch. Must divide the finest resolution of heatmap.retention."),
    HEATMAP_MAX_OUT_OF_ORDERNESS("heatmap.max-out-of-orderness", Shape.TEXT, "30s",
            "THERMOCLINE_HEATMAP_MAX_OUT_OF_ORDERNESS", null,
            "Watermark bound: how far event time may go backwards before the watermark passes it."),
    HEATMAP_ALLOWED_LATENESS("heatmap.allowed-lateness", Shape.TEXT, "1m", "THERMOCLINE_HEATMAP_ALLOWED_LATENESS", null,
            "Accesses this far behind the watermark still count; a cell is written once its window end plus this has passed. "
                    + "Later accesses go to the dead letters, counted as late."),
    HEATMAP_IDLE_TIMEOUT("heatmap.idle-timeout", Shape.TEXT, "1m", "THERMOCLINE_HEATMAP_IDLE_TIMEOUT", null,
            "A reader (Kafka partition) that saw nothing this long stops holding the watermark back."),
    HEATMAP_MAX_FUTURE_SKEW("heatmap.max-future-skew", Shape.TEXT, "1d", "THERMOCLINE_HEATMAP_MAX_FUTURE_SKEW", null,
            "Accesses stamped further ahead of the clock are dead letters (one bogus far-future time would close every window)."),
    HEATMAP_MAX_RECORD_BYTES("heatmap.max-record-bytes", Shape.TEXT, "1048576", "THERMOCLINE_HEATMAP_MAX_RECORD_BYTES", null,
            "Access records larger than this many bytes are dead letters, rejected unread."),
    HEATMAP_PARTITION_MAP_POLL_INTERVAL("heatmap.partition-map-poll-interval", Shape.TEXT, "10s",
            "THERMOCLINE_HEATMAP_PARTITION_MAP_POLL_INTERVAL", null,
            "How often the job re-reads partition_map for new revisions (picked up without a restart)."),
    HEATMAP_DEAD_LETTERS("heatmap.dead-letters", Shape.TEXT, "auto", "THERMOCLINE_HEATMAP_DEAD_LETTERS", null,
            "Where the heatmap job's dead letters go: kafka (the kafka.topics.dead-letter topic), iceberg (the dead_letters table) "
                    + "or auto (kafka when kafka.bootstrap-servers is set, else iceberg)."),
    HEATMAP_RETENTION("heatmap.retention", Shape.LIST, "1m:6h,10m:4d,1h:28d", "THERMOCLINE_HEATMAP_RETENTION", null,
            "Roll-up tiers RESOLUTION:KEEP, finest first: cells of each resolution are kept that long, then rolled up into the next "
                    + "tier or, after the last, deleted. Each resolution a multiple of the one before; environment: comma-separated."),
    HEATMAP_ROLLUP_INTERVAL("heatmap.rollup-interval", Shape.TEXT, "10m", "THERMOCLINE_HEATMAP_ROLLUP_INTERVAL", null,
            "How often a running thermocline run heatmap applies heatmap.retention (a file backfill applies it once at its end)."),

    // Backups and retention (thermocline backup; issue #4). Durations: 500ms, 90s, 15m, 6h, 7d or ISO-8601 (PT1H).
    BACKUP_DUE_CHANGES("backup.due.changes", Shape.TEXT, "10000", "THERMOCLINE_BACKUP_DUE_CHANGES", null,
            "A partition is due for a new backup copy once this many changes came since its copy."),
    BACKUP_DUE_RATE_SHIFT("backup.due.rate-shift", Shape.TEXT, "4", "THERMOCLINE_BACKUP_DUE_RATE_SHIFT", null,
            "A partition is also due once its changes since the copy are this many times those in the equally long window before (above 1)."),
    BACKUP_DUE_RATE_SHIFT_MIN_CHANGES("backup.due.rate-shift-min-changes", Shape.TEXT, "1000",
            "THERMOCLINE_BACKUP_DUE_RATE_SHIFT_MIN_CHANGES", null,
            "Below this many changes since the copy a rate shift is noise and does not count."),
    BACKUP_DUE_MAX_AGE("backup.due.max-age", Shape.TEXT, "1d", "THERMOCLINE_BACKUP_DUE_MAX_AGE", null,
            "A partition is also due once its copy is this old and something changed since."),
    BACKUP_DUE_RESTORE_COST("backup.due.restore-cost", Shape.TEXT, "2000000", "THERMOCLINE_BACKUP_DUE_RESTORE_COST", null,
            "A partition is also due once its expected restore cost, accesses in the hour before the cutoff (heatmap) x changes since the copy, "
                    + "reaches this; off disables it."),
    BACKUP_RETENTION("backup.retention", Shape.TEXT, "off", "THERMOCLINE_BACKUP_RETENTION", null,
            "How far back a restore must stay possible. After each backup run, backups snapshots and changelog files no "
                    + "restore in that window needs are expired (Iceberg expire snapshots / delete files); off keeps all history."),

    // The repartition job (thermocline run repartition; issue #5). Intervals count planning intervals.
    REPARTITION_INTERVAL("repartition.interval", Shape.TEXT, "1m", "THERMOCLINE_REPARTITION_INTERVAL", null,
            "Planning interval in event time: heat is observed and at most one revision committed per interval."),
    REPARTITION_MIN_PARTITIONS("repartition.min-partitions", Shape.TEXT, "1", "THERMOCLINE_REPARTITION_MIN_PARTITIONS", null,
            "Merges never take a table below this many partitions."),
    REPARTITION_MAX_PARTITIONS("repartition.max-partitions", Shape.TEXT, "256", "THERMOCLINE_REPARTITION_MAX_PARTITIONS",
            null, "Splits never take a table above this many partitions."),
    REPARTITION_MIN_PARTITION_KEYS("repartition.min-partition-keys", Shape.TEXT, "1024",
            "THERMOCLINE_REPARTITION_MIN_PARTITION_KEYS", null,
            "Minimum partition size (long keys): every part of a split spans at least this many keys."),
    REPARTITION_MAX_OPERATIONS("repartition.max-operations", Shape.TEXT, "4", "THERMOCLINE_REPARTITION_MAX_OPERATIONS", null,
            "At most this many splits + merges in one revision."),
    REPARTITION_SPLIT_ABOVE_SHARE("repartition.split-above-share", Shape.TEXT, "0.125",
            "THERMOCLINE_REPARTITION_SPLIT_ABOVE_SHARE", null,
            "A hot partition whose (forecast) share of the table's heat exceeds this is split."),
    REPARTITION_MERGE_BELOW_SHARE("repartition.merge-below-share", Shape.TEXT, "0.03125",
            "THERMOCLINE_REPARTITION_MERGE_BELOW_SHARE", null,
            "Adjacent cold partitions merge while their combined share stays below this; at most half of "
                    + "split-above-share (the hysteresis gap that keeps a split from being merged back)."),
    REPARTITION_MERGE_COOL_DOWN("repartition.merge-cool-down", Shape.TEXT, "10", "THERMOCLINE_REPARTITION_MERGE_COOL_DOWN",
            null, "A partition created or changed fewer than this many intervals ago is never merged."),
    REPARTITION_SPLIT_COOL_DOWN("repartition.split-cool-down", Shape.TEXT, "1", "THERMOCLINE_REPARTITION_SPLIT_COOL_DOWN",
            null, "A partition created or changed fewer than this many intervals ago is not split again."),
    REPARTITION_FORECAST("repartition.forecast", Shape.TEXT, "true", "THERMOCLINE_REPARTITION_FORECAST", null,
            "true: decide on Holt's trend forecast (a rising hotspot is split before it peaks); false: on the decayed heat."),
    REPARTITION_FORECAST_HORIZON("repartition.forecast-horizon", Shape.TEXT, "3", "THERMOCLINE_REPARTITION_FORECAST_HORIZON",
            null, "How many intervals ahead the forecast looks (with forecast: true)."),
    REPARTITION_CLASSIFIER("repartition.classifier", Shape.TEXT, "k-means", "THERMOCLINE_REPARTITION_CLASSIFIER", null,
            "How partitions are grouped into hot / warm / cold: k-means or natural-breaks (see core/README.md)."),
    REPARTITION_SPLIT_RULE("repartition.split-rule", Shape.TEXT, "isolate-heat", "THERMOCLINE_REPARTITION_SPLIT_RULE", null,
            "Where a hot partition is cut: isolate-heat (at a hot region's edge) or balance-heat (at the heat median).");

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
