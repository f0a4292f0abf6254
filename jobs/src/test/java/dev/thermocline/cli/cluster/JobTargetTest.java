package dev.thermocline.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without --cluster, in a plain JVM: the embedded default's production-like local settings. */
class JobTargetTest {

    @TempDir
    Path dir;

    @Test
    void aLocalStreamingJobCheckpointsWithRocksDbUnderTheWorkingDirectory() {
        StreamExecutionEnvironment env = JobTarget.of(Optional.empty()).streaming(dir, Duration.ofSeconds(10));

        assertThat(env).isInstanceOf(LocalStreamEnvironment.class);
        assertThat(env.getConfiguration().get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(env.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo(dir.toUri().toString());
        assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(10_000);
    }

    @Test
    void aLocalBoundedJobFailsFastInsteadOfRestarting() {
        StreamExecutionEnvironment env = JobTarget.of(Optional.empty()).bounded();

        assertThat(env.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("none");
        assertThat(JobTarget.of(Optional.empty()).where()).isEmpty();
    }
}
