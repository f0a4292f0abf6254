package dev.thermocline.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.cli.ThermoclineCommand;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the command's main runs on a cluster (the Helm chart's application-mode jobs, {@code flink
 * run}), Flink provides the environment; the cluster's configuration must stay in force (its
 * checkpoint storage on S3, its restart strategy), not the embedded default's local settings. A
 * MiniCluster's context environment stands in for the cluster's here.
 */
class JobTargetInContextITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    @TempDir
    Path dir;

    @Test
    void aStreamingJobKeepsTheClustersCheckpointStorageAndOnlyTurnsCheckpointingOn() {
        StreamExecutionEnvironment env = JobTarget.of(Optional.empty()).streaming(dir, Duration.ofSeconds(10));

        assertThat(env).isNotInstanceOf(LocalStreamEnvironment.class);
        assertThat(env.getConfiguration().getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEmpty();
        assertThat(env.getCheckpointConfig().isCheckpointingEnabled()).isTrue();
    }

    @Test
    void aBoundedJobKeepsTheClustersRestartStrategy() {
        StreamExecutionEnvironment env = JobTarget.of(Optional.empty()).bounded();

        assertThat(env).isNotInstanceOf(LocalStreamEnvironment.class);
        assertThat(env.getConfiguration().getOptional(RestartStrategyOptions.RESTART_STRATEGY)).isEmpty();
    }

    @Test
    void mainInsideFlinkReturnsInsteadOfExitingTheJobManagerAndFailsLoudly() {
        assertThat(InsideFlink.mainRunsInsideFlink()).isTrue();

        // System.exit here would end this test JVM (the run would fail with a crashed fork)
        ThermoclineCommand.main(new String[] {"--version"});

        assertThatThrownBy(() -> ThermoclineCommand.main(new String[] {"restore", "--table"}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ended with exit status 2");
    }
}
