package dev.thermocline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.IncrementalRemoteKeyedStateHandle;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CheckpointedEnvironmentITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    @Test
    void keyedStateIsCheckpointedIncrementallyByRocksDb(@TempDir Path dir) throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        StreamExecutionEnvironment env = CheckpointedEnvironment.create(checkpoints);
        // Keep the last checkpoint after cancel so its metadata can be inspected.
        env.getCheckpointConfig().setExternalizedCheckpointRetention(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(env.getParallelism()).isEqualTo(2);

        env.fromSource(new DataGeneratorSource<>(n -> n, Long.MAX_VALUE, RateLimiterStrategy.perSecond(1000), Types.LONG),
                        WatermarkStrategy.noWatermarks(), "numbers")
                .keyBy(n -> n % 100)
                .process(new CountPerKey())
                .sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("checkpointed-environment-test");
        try {
            awaitCompletedCheckpoint(checkpoints, Duration.ofSeconds(60));
        } finally {
            job.cancel().get();
        }

        CheckpointMetadata metadata = loadRetainedCheckpoint(checkpoints);
        List<KeyedStateHandle> keyedState = metadata.getOperatorStates().stream()
                .map(OperatorState::getStates).flatMap(java.util.Collection::stream)
                .map(OperatorSubtaskState::getManagedKeyedState).flatMap(java.util.Collection::stream)
                .toList();
        // Only the RocksDB backend with incremental checkpoints writes this handle type.
        assertThat(keyedState).isNotEmpty().allMatch(IncrementalRemoteKeyedStateHandle.class::isInstance);
    }

    private static void awaitCompletedCheckpoint(Path checkpoints, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (findMetadata(checkpoints).isEmpty()) {
            assertThat(System.nanoTime()).as("a completed checkpoint within %s", timeout).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static CheckpointMetadata loadRetainedCheckpoint(Path checkpoints) throws IOException {
        Path metadataFile = findMetadata(checkpoints).orElseThrow();
        try (InputStream in = Files.newInputStream(metadataFile)) {
            return Checkpoints.loadCheckpointMetadata(new DataInputStream(in),
                    CheckpointedEnvironmentITCase.class.getClassLoader(), metadataFile.getParent().toString());
        }
    }

    private static Optional<Path> findMetadata(Path checkpoints) throws IOException {
        if (!Files.exists(checkpoints)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(checkpoints)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata")).findFirst();
        }
    }

    private static final class CountPerKey extends KeyedProcessFunction<Long, Long, Long> {
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
            long next = (count.value() == null ? 0 : count.value()) + 1;
            count.update(next);
            out.collect(next);
        }
    }
}
