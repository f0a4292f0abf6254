package dev.thermocline.testing;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A {@link StreamExecutionEnvironment} set up like production: RocksDB state backend with
 * incremental checkpoints, checkpointing on (short interval), checkpoints in a directory of the
 * test's choosing. Use with {@link FlinkMiniClusterExtension} so jobs run on the MiniCluster.
 */
public final class CheckpointedEnvironment {

    public static final int DEFAULT_PARALLELISM = 2;
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMillis(500);

    private CheckpointedEnvironment() {}

    /** Parallelism 2, a checkpoint every 500 ms into {@code checkpointDir}. */
    public static StreamExecutionEnvironment create(Path checkpointDir) {
        return create(checkpointDir, DEFAULT_PARALLELISM, DEFAULT_CHECKPOINT_INTERVAL);
    }

    public static StreamExecutionEnvironment create(Path checkpointDir, int parallelism, Duration checkpointInterval) {
        Configuration config = configuration(checkpointDir, checkpointInterval);
        config.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(parallelism);
        return env;
    }

    /**
     * The job configuration behind {@link #create}: usable on its own, e.g. for a
     * {@code TableEnvironment} or a job submitted another way.
     */
    public static Configuration configuration(Path checkpointDir, Duration checkpointInterval) {
        Configuration config = new Configuration();
        config.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        config.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toAbsolutePath().toUri().toString());
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        // The default with checkpointing is endless exponential-delay restarts: a broken test would
        // hang instead of failing. A few quick restarts still exercise recovery.
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        return config;
    }
}
