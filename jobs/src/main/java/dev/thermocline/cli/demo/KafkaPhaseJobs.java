package dev.thermocline.cli.demo;

import dev.thermocline.changelog.ChangelogJob;
import dev.thermocline.changelog.ChangelogSettings;
import dev.thermocline.changelog.ChangelogTables;
import dev.thermocline.changelog.DeadLetterOutput;
import dev.thermocline.changelog.IcebergPartitionMapFeed;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.format.SourceRecord;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.kafka.KafkaSettings;
import dev.thermocline.heatmap.HeatmapDeployment;
import dev.thermocline.heatmap.HeatmapJob;
import dev.thermocline.heatmap.HeatmapJobOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;

/**
 * The changelog and heatmap jobs — the same classes {@code thermocline run} deploys — reading one
 * demo phase from Kafka: each job's source starts where the previous phase ended and stops at the
 * end of what was produced (a bounded Kafka source), so the job finishes after its final checkpoint
 * committed everything exactly once. Both run at the same time on their own local MiniClusters with
 * RocksDB and incremental checkpoints; dead letters go to the {@code dead_letters} table.
 *
 * <p>Unlike {@code thermocline run heatmap}, no heatmap roll-up follows: the roll-up ages cells by the
 * wall clock, and the demo's workload lies in the past (2026-11-24), so it would fold the minute cells
 * the repartition round and the picture need into hourly ones.
 */
public final class KafkaPhaseJobs {

    /** Short, so a bounded job's final checkpoint (its last Iceberg commit) comes soon after its input ends. */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

    private final ThermoclineConfig config;
    private final KafkaSettings kafka;
    private final Path checkpoints;
    private final Clock clock;

    public KafkaPhaseJobs(ThermoclineConfig config, KafkaSettings kafka, Path checkpoints, Clock clock) {
        this.config = config;
        this.kafka = kafka;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /** Runs both jobs over {@code phase} and waits for both; a failed job fails the phase. */
    public void run(DemoFeed.Phase phase) throws Exception {
        JobClient changelog = changelog(phase);
        JobClient heatmap = heatmap(phase);
        try {
            changelog.getJobExecutionResult().get();
            heatmap.getJobExecutionResult().get();
        } catch (Exception e) {
            changelog.cancel();
            heatmap.cancel();
            throw e;
        }
    }

    private JobClient changelog(DemoFeed.Phase phase) throws Exception {
        Namespace namespace = namespace();
        CatalogLoader catalog = IcebergCatalogs.flinkLoader(config.catalogSettings());
        ChangelogTables tables = ChangelogTables.ensure(catalog, namespace);
        TableLoader deadLetters = TableLoader.fromCatalog(catalog, TableIdentifier.of(namespace, ThermoclineTables.DEAD_LETTERS));
        StreamExecutionEnvironment env = environment("changelog");
        new ChangelogJob(source(kafka.topics().changes(), "changes", phase.changesFrom(), phase.changesTo()), config.tables(),
                new IcebergPartitionMapFeed(catalog, namespace, config.tables()), tables,
                DeadLetterOutput.iceberg(deadLetters, ChangelogJob.NAME), ChangelogSettings.defaults(), clock).build(env);
        return env.executeAsync("thermocline-changelog");
    }

    private JobClient heatmap(DemoFeed.Phase phase) throws Exception {
        HeatmapDeployment deployment = HeatmapDeployment.of(config, clock);
        StreamExecutionEnvironment env = environment("heatmap");
        deployment.job(source(List.of(kafka.topics().access()), "access", phase.accessFrom(), phase.accessTo()),
                deployment.deadLetterOutput(HeatmapDeployment.DeadLetterTarget.ICEBERG, null),
                HeatmapJobOptions.defaults()).build(env);
        return env.executeAsync(HeatmapJob.NAME);
    }

    private KafkaSource<SourceRecord> source(List<String> topics, String role, Map<org.apache.kafka.common.TopicPartition, Long> from,
                                             Map<org.apache.kafka.common.TopicPartition, Long> to) {
        return kafka.boundedSource(topics, role, OffsetsInitializer.offsets(from), OffsetsInitializer.offsets(to));
    }

    private Namespace namespace() {
        return Namespace.of(config.namespace().split("\\."));
    }

    /** As {@code thermocline run} configures a local job: RocksDB, incremental checkpoints; a demo fails fast. */
    private StreamExecutionEnvironment environment(String job) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.resolve(job).toAbsolutePath().toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, CHECKPOINT_INTERVAL);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }
}
