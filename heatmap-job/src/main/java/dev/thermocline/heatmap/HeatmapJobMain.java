package dev.thermocline.heatmap;

import dev.thermocline.flink.config.ConfigSources;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.kafka.KafkaSettings;
import dev.thermocline.heatmap.HeatmapDeployment.DeadLetterTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The heatmap job's entry point on a Flink cluster (the cluster's configuration brings the state
 * backend and checkpointing; RocksDB with incremental checkpoints is what the chart sets):
 *
 * <pre>--config thermocline.yaml [--source kafka|file:PATH] [--dead-letters kafka|iceberg]
 * [--window PT1M] [--max-out-of-orderness PT30S] [--allowed-lateness PT1M]</pre>
 *
 * Configuration as everywhere: defaults &lt; the file &lt; {@code THERMOCLINE_*} environment.
 * {@code --dead-letters} defaults to kafka, or iceberg when no Kafka brokers are configured.
 */
public final class HeatmapJobMain {

    private HeatmapJobMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = flags(args);
        ConfigSources sources = ConfigSources.in(Path.of("")).withEnvironment(System.getenv());
        if (flags.containsKey("--config")) {
            sources = sources.withConfigFile(Path.of(flags.get("--config")));
        }
        ThermoclineConfig config = ThermoclineConfig.load(sources);
        HeatmapJobOptions options = HeatmapJobOptions.defaults();
        if (flags.containsKey("--window")) {
            options = options.withWindow(Duration.parse(flags.get("--window")));
        }
        if (flags.containsKey("--max-out-of-orderness")) {
            options = options.withMaxOutOfOrderness(Duration.parse(flags.get("--max-out-of-orderness")));
        }
        if (flags.containsKey("--allowed-lateness")) {
            options = options.withAllowedLateness(Duration.parse(flags.get("--allowed-lateness")));
        }
        KafkaSettings kafka = config.kafka().embedded() ? null : config.kafka().settings(null);
        DeadLetterTarget deadLetters = DeadLetterTarget.valueOf(flags.getOrDefault("--dead-letters",
                kafka == null ? "iceberg" : "kafka").toUpperCase(Locale.ROOT));
        String source = flags.getOrDefault("--source", "kafka");
        HeatmapDeployment deployment = HeatmapDeployment.of(config, Clock.systemUTC());
        HeatmapJob job;
        if (source.startsWith("file:")) {
            job = deployment.job(HeatmapDeployment.fileSource(Path.of(source.substring("file:".length()))),
                    deployment.deadLetterOutput(deadLetters, kafka), options);
        } else if (source.equals("kafka") && kafka != null) {
            job = deployment.job(HeatmapDeployment.kafkaSource(kafka), deployment.deadLetterOutput(deadLetters, kafka), options);
        } else {
            throw new IllegalArgumentException("--source '" + source + "' is neither file:PATH nor kafka with "
                    + "kafka.bootstrap-servers configured");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.build(env);
        env.execute(HeatmapJob.NAME);
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            flags.put(args[i], args[i + 1]);
        }
        return flags;
    }
}
