package dev.thermocline.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * Flink MiniCluster for JUnit 5 tests: one TaskManager with 2 slots by default.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();
 * ...
 * StreamExecutionEnvironment env = CheckpointedEnvironment.create(tempDir.resolve("checkpoints"));
 * }</pre>
 *
 * While the extension is active, {@code StreamExecutionEnvironment.getExecutionEnvironment(..)}
 * (and so {@link CheckpointedEnvironment}) runs jobs on this cluster.
 */
public final class FlinkMiniClusterExtension {

    /** Slots of the default cluster: enough for the parallelism-2 jobs of our tests. */
    public static final int DEFAULT_SLOTS = 2;

    private FlinkMiniClusterExtension() {}

    /** A MiniCluster with {@value #DEFAULT_SLOTS} slots. */
    public static MiniClusterExtension create() {
        return withSlots(DEFAULT_SLOTS);
    }

    /** A MiniCluster with one TaskManager offering {@code slots} slots. */
    public static MiniClusterExtension withSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a MiniCluster needs at least 1 slot, got " + slots);
        }
        Configuration config = new Configuration();
        // RocksDB takes its memory from managed memory; keep the test JVM well under 1 GB.
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(128));
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(config)
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(slots)
                .build());
    }
}
