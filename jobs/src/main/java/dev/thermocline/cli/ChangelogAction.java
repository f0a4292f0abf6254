package dev.thermocline.cli;

import dev.thermocline.changelog.ChangelogJob;
import dev.thermocline.changelog.ChangelogSettings;
import dev.thermocline.changelog.ChangelogTables;
import dev.thermocline.changelog.DeadLetterOutput;
import dev.thermocline.changelog.IcebergPartitionMapFeed;
import dev.thermocline.changelog.JsonLinesFormat;
import dev.thermocline.cli.cluster.JobTarget;
import dev.thermocline.embedded.EmbeddedKafka;
import dev.thermocline.flink.config.ConfigException;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.format.SourceRecord;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.kafka.KafkaSettings;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;

/**
 * {@code thermocline run changelog}: the changelog job on a local MiniCluster (RocksDB,
 * checkpoints under {@code .thermocline/checkpoints/changelog} in the working directory). Kafka
 * source: the configured change topics (an embedded broker when none is configured), dead letters to
 * the dead-letter topic; runs until stopped. File source: the JSON-lines file, dead letters to the
 * {@code dead_letters} table; stops at the end of the file. With {@code --cluster} it runs on that
 * Flink cluster: a file is followed to its end; a Kafka job (configured brokers only) is left running
 * there and the command prints its id.
 */
final class ChangelogAction implements Action<RunJobRequest> {

    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    @Override
    public int run(RunJobRequest request, ActionContext context) throws Exception {
        ThermoclineConfig config = context.config();
        if (config.tables().isEmpty()) {
            throw new IllegalArgumentException("no tables are configured: the changelog job needs tables.<name> "
                    + "(key, key-type, partitioning) to parse change events");
        }
        if (request.cluster().isPresent() && request.source() instanceof JobSource.Kafka && config.kafka().embedded()) {
            throw new ConfigException(HeatmapRunAction.EMBEDDED_KAFKA_ON_CLUSTER);
        }
        JobTarget target = JobTarget.of(request.cluster());
        Namespace namespace = Namespace.of(config.namespace().split("\\."));
        CatalogLoader catalog = IcebergCatalogs.flinkLoader(config.catalogSettings());
        ChangelogTables tables = ChangelogTables.ensure(catalog, namespace);
        IcebergPartitionMapFeed maps = new IcebergPartitionMapFeed(catalog, namespace, config.tables());
        StreamExecutionEnvironment env = target.streaming(
                context.workingDirectory().resolve(".thermocline/checkpoints/changelog"), CHECKPOINT_INTERVAL);

        if (request.source() instanceof JobSource.JsonLinesFile file) {
            TableLoader deadLetters = TableLoader.fromCatalog(catalog, TableIdentifier.of(namespace, ThermoclineTables.DEAD_LETTERS));
            build(JsonLinesFormat.source(file.path()), config, maps, tables, DeadLetterOutput.iceberg(deadLetters, ChangelogJob.NAME), env);
            context.err().println("changelog: reading " + file.path() + " into " + namespace + "." + ThermoclineTables.CHANGELOG
                    + target.where());
            context.err().flush();
            env.execute("thermocline-changelog");
            context.out().println("changelog: " + file.path() + " ingested");
            context.out().flush();
            return ExitCode.OK;
        }
        if (target.isCluster()) {
            KafkaSettings kafka = config.kafka().settings(null);
            build(kafka.changeSource(), config, maps, tables, DeadLetterOutput.kafka(kafka, ChangelogJob.NAME), env);
            context.err().println("changelog: submitting the job reading " + kafka.topics().changes() + " from "
                    + kafka.bootstrapServers() + target.where());
            context.err().flush();
            context.out().println(target.submit(env, "thermocline-changelog").describe("changelog"));
            context.out().flush();
            return ExitCode.OK;
        }
        EmbeddedKafka embedded = config.kafka().embedded() ? new EmbeddedKafka().start() : null;
        try {
            KafkaSettings kafka = config.kafka().settings(embedded == null ? null : embedded.bootstrapServers());
            build(kafka.changeSource(), config, maps, tables, DeadLetterOutput.kafka(kafka, ChangelogJob.NAME), env);
            context.err().println("changelog: reading " + kafka.topics().changes() + " from " + kafka.bootstrapServers()
                    + (embedded == null ? "" : " (embedded broker)") + "; stop with Ctrl-C");
            context.err().flush();
            env.execute("thermocline-changelog");
            return ExitCode.OK;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static void build(Source<SourceRecord, ?, ?> source, ThermoclineConfig config, IcebergPartitionMapFeed maps,
                              ChangelogTables tables, DeadLetterOutput deadLetters, StreamExecutionEnvironment env) {
        new ChangelogJob(source, config.tables(), maps, tables, deadLetters, ChangelogSettings.defaults(),
                Clock.systemUTC()).build(env);
    }

}
