package dev.thermocline.heatmap;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.config.HeatmapConfig;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.format.SourceRecord;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.kafka.KafkaSettings;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.flink.api.connector.source.Source;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The production adapters of the heatmap job: the configured Iceberg catalog (tables created if
 * missing, partition maps read from {@code partition_map}), Kafka or a JSON-lines file as input,
 * Kafka or Iceberg for dead letters. {@link HeatmapJobMain} and {@code thermocline run heatmap} use
 * it; tests plug their own sources into {@link #job}.
 */
public final class HeatmapDeployment {

    /** Where dead letters go: the configured Kafka topic, or the Iceberg {@code dead_letters} table. */
    public enum DeadLetterTarget {
        KAFKA, ICEBERG;

        /**
         * The configured output ({@code heatmap.dead-letters}); {@code auto} is Kafka when brokers are
         * configured ({@code kafkaConfigured}), else Iceberg.
         */
        public static DeadLetterTarget of(HeatmapConfig.DeadLetterOutput configured, boolean kafkaConfigured) {
            return configured.resolve(kafkaConfigured) == HeatmapConfig.DeadLetterOutput.KAFKA ? KAFKA : ICEBERG;
        }
    }

    private final CatalogSettings catalog;
    private final Namespace namespace;
    private final Map<String, TableSpec> tables;
    private final Clock clock;

    public HeatmapDeployment(CatalogSettings catalog, Namespace namespace, Map<String, TableSpec> tables, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is required.");
        this.namespace = Objects.requireNonNull(namespace, "namespace is required.");
        this.tables = Map.copyOf(Objects.requireNonNull(tables, "tables are required."));
        this.clock = Objects.requireNonNull(clock, "clock is required.");
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("no tables are configured: the heatmap job needs at least one (tables.<name> in "
                    + "thermocline.yaml)");
        }
    }

    public static HeatmapDeployment of(ThermoclineConfig config, Clock clock) {
        return new HeatmapDeployment(config.catalogSettings(), Namespace.of(config.namespace().split("\\.")),
                config.tables(), clock);
    }

    /** The job reading {@code accessLog}, writing the {@code heatmap} table and {@code deadLetters}. */
    public HeatmapJob job(Source<SourceRecord, ?, ?> accessLog, JobOutput<DeadLetter> deadLetters,
                          HeatmapJobOptions options) {
        return new HeatmapJob(inputs(accessLog), new HeatmapOutputs(heatmapOutput(), deadLetters), options, clock);
    }

    /**
     * The job's inputs: {@code accessLog}, the tables, and their partition maps. Creates the
     * Thermocline tables that are missing and reads each table's history now; the assigners re-read
     * {@code partition_map} while the job runs.
     */
    public HeatmapInputs inputs(Source<SourceRecord, ?, ?> accessLog) {
        Map<String, PartitionMapHistory> histories = withCatalog(c -> {
            ThermoclineTables.createAll(c, namespace);
            PartitionMapStore store = new PartitionMapStore(c, namespace, tables);
            Map<String, PartitionMapHistory> loaded = new HashMap<>();
            tables.keySet().forEach(t -> loaded.put(t, store.load(t)));
            return loaded;
        });
        return new HeatmapInputs(accessLog, tables, histories,
                new IcebergPartitionMapReader(IcebergCatalogs.flinkLoader(catalog), namespace, tables));
    }

    /** {@code --source file:PATH}: the file's lines, bounded. */
    public static Source<SourceRecord, ?, ?> fileSource(Path file) {
        return JsonLinesFormat.source(file);
    }

    /** The configured access-log topic, from the group's committed offsets or else the earliest. */
    public static Source<SourceRecord, ?, ?> kafkaSource(KafkaSettings kafka) {
        return kafka.accessSource();
    }

    public JobOutput<HeatmapCell> heatmapOutput() {
        return new IcebergHeatmapOutput(IcebergCatalogs.flinkLoader(catalog), table(ThermoclineTables.HEATMAP));
    }

    public JobOutput<DeadLetter> deadLetterOutput(DeadLetterTarget target, KafkaSettings kafka) {
        return switch (target) {
            case KAFKA -> JobOutput.of(Objects.requireNonNull(kafka, "Kafka settings are required for Kafka dead letters")
                    .deadLetterSink("heatmap"), "dead-letters-kafka");
            case ICEBERG -> new IcebergDeadLetterOutput(IcebergCatalogs.flinkLoader(catalog),
                    table(ThermoclineTables.DEAD_LETTERS), "heatmap");
        };
    }

    /** One run of the heatmap's retention (roll-up and expiry) with {@code options.retention()}. */
    public HeatmapRollupAction.Result rollUp(HeatmapJobOptions options) {
        Map<String, KeyType> keyTypes = new HashMap<>();
        tables.forEach((name, spec) -> keyTypes.put(name, spec.keyType()));
        return withCatalog(c -> new HeatmapRollupAction(c.loadTable(table(ThermoclineTables.HEATMAP)),
                options.retention(), keyTypes, clock).run());
    }

    public TableIdentifier table(String name) {
        return TableIdentifier.of(namespace, name);
    }

    private <T> T withCatalog(Function<Catalog, T> work) {
        Catalog c = IcebergCatalogs.load(catalog);
        try {
            return work.apply(c);
        } finally {
            if (c instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("closing catalog " + catalog.name() + " failed", e);
                }
            }
        }
    }
}
