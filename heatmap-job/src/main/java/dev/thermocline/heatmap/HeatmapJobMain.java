package dev.thermocline.heatmap;

import dev.thermocline.flink.config.ConfigSources;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.format.SourceRecord;
import dev.thermocline.flink.kafka.KafkaSettings;
import dev.thermocline.heatmap.HeatmapDeployment.DeadLetterTarget;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The heatmap job's entry point on a Flink cluster (the cluster's configuration brings the state
 * backend and checkpointing; RocksDB with incremental checkpoints is what the chart sets):
 *
 * <pre>[--config thermocline.yaml] [--source kafka|file:PATH] [-D heatmap.window=2m]...</pre>
 *
 * Configuration as everywhere: defaults &lt; the file &lt; {@code THERMOCLINE_*} environment &lt;
 * {@code -D key=value}; the job's settings are the {@code heatmap.*} keys.
 */
public final class HeatmapJobMain {

    private HeatmapJobMain() {}

    public static void main(String[] args) throws Exception {
        ConfigSources sources = ConfigSources.in(Path.of("")).withEnvironment(System.getenv());
        String source = "kafka";
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("'" + args[i] + "' needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--config" -> sources = sources.withConfigFile(Path.of(value));
                case "--source" -> source = value;
                case "-D" -> {
                    int eq = value.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("-D '" + value + "' is not KEY=VALUE");
                    }
                    sources = sources.withOverride(value.substring(0, eq), value.substring(eq + 1), "-D " + value.substring(0, eq));
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; expected --config FILE, --source kafka|file:PATH or -D KEY=VALUE");
            }
        }
        ThermoclineConfig config = ThermoclineConfig.load(sources);
        KafkaSettings kafka = config.kafka().embedded() ? null : config.kafka().settings(null);
        Source<SourceRecord, ?, ?> input;
        if (source.startsWith("file:")) {
            input = HeatmapDeployment.fileSource(Path.of(source.substring("file:".length())));
        } else if (source.equals("kafka") && kafka != null) {
            input = HeatmapDeployment.kafkaSource(kafka);
        } else {
            throw new IllegalArgumentException("--source '" + source + "' is neither file:PATH nor kafka with "
                    + "kafka.bootstrap-servers configured");
        }
        DeadLetterTarget deadLetters = DeadLetterTarget.of(config.heatmap().deadLetters(), kafka != null);
        if (deadLetters == DeadLetterTarget.KAFKA && kafka == null) {
            throw new IllegalArgumentException("heatmap.dead-letters is kafka but kafka.bootstrap-servers is not set");
        }
        HeatmapDeployment deployment = HeatmapDeployment.of(config, Clock.systemUTC());
        HeatmapJob job = deployment.job(input, deployment.deadLetterOutput(deadLetters, kafka),
                HeatmapJobOptions.from(config.heatmap()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.build(env);
        env.execute(HeatmapJob.NAME);
    }
}
