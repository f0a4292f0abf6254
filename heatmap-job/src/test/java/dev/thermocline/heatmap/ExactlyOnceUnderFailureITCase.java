package dev.thermocline.heatmap;

import static dev.thermocline.heatmap.HeatmapJobFixture.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.embedded.EmbeddedKafka;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.format.SourceRecord;
import dev.thermocline.heatmap.HeatmapDeployment.DeadLetterTarget;
import dev.thermocline.heatmap.KafkaFixture.Outgoing;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import dev.thermocline.workload.WorkloadSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Snapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly once under failure: the job is crashed at random points (inside the Kafka source reader,
 * and inside the operator feeding the Iceberg writer) and restarts from its last checkpoint each time;
 * the committed heatmap still equals the oracle, no cell twice, none missing, and the dead letters
 * (Iceberg, exactly once too) are exactly the late records.
 */
class ExactlyOnceUnderFailureITCase {

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceUnderFailureITCase.class);

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = new EmbeddedKafka().start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void crashesAndRestartsFromCheckpointsNeitherLoseNorDuplicateCells(@TempDir Path dir) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        WorkloadSpec spec = HeatmapJobFixture.workload(seed, 40_000);
        List<Access> accesses = HeatmapJobFixture.accesses(spec);
        List<Outgoing> input = new ArrayList<>();
        List<Access> late = new ArrayList<>();
        for (int i = 0; i < accesses.size(); i++) {
            input.add(Outgoing.keyed(Long.toString(accesses.get(i).key()), accesses.get(i).json()));
            if (i % 4000 == 3999) {
                Access hopeless = accesses.get(i).at(spec.start().minus(Duration.ofHours(1)));
                late.add(hopeless);
                input.add(new Outgoing(i % 8000 == 3999 ? 0 : 1, "late", hopeless.json()));
            }
        }
        kafka.createTopic("crashes", 2);
        KafkaFixture.produce(kafka, "crashes", input);

        // Subtask 0 of the source reads about half the input; the cell stream carries some 900 cells.
        String planName = "crashes-" + seed;
        FailurePlan plan = FailurePlan.register(planName, Map.of(
                "source", List.of(500L + random.nextInt(5_000), 500L + random.nextInt(5_000)),
                "cells", List.of(5L + random.nextInt(60))));
        LOG.info("seed {}: {}", seed, plan);

        CatalogSettings catalog = CatalogSettings.embeddedDefault(dir.resolve("warehouse"));
        HeatmapDeployment deployment = HeatmapJobFixture.deployment(catalog, HeatmapJobFixture.clockAfter(spec));
        JobOutput<HeatmapCell> failingHeatmap = cells -> deployment.heatmapOutput().attach(
                cells.map(new FailOnCell(planName)).returns(HeatmapJob.CELL).name("fail-injector"));
        var failingSource = new FailingSource<>(KafkaFixture.boundedSource(kafka, "crashes"), SourceRecord.typeInfo(), planName);
        HeatmapJob job = new HeatmapJob(deployment.inputs(failingSource),
                new HeatmapOutputs(failingHeatmap, deployment.deadLetterOutput(DeadLetterTarget.ICEBERG, null)),
                HeatmapJobFixture.options(), HeatmapJobFixture.clockAfter(spec));
        HeatmapJobFixture.run(job, HeatmapJobFixture.environment(dir, 5));

        assertThat(plan.failuresThrown()).as("injected failures (seed %d)", seed).isEqualTo(3);
        PartitionMapHistory history = HeatmapJobFixture.initialHistory();
        List<HeatmapCell> cells = IcebergFixture.cells(catalog);
        assertThat(HeatmapOracle.of(cells)).as("seed %d", seed)
                .isEqualTo(HeatmapOracle.count(accesses, history, WINDOW));
        List<DeadLetter> letters = IcebergFixture.deadLetters(catalog);
        assertThat(letters).as("seed %d", seed).hasSize(late.size());
        List<Snapshot> snapshots = IcebergFixture.withTable(catalog, IcebergFixture.HEATMAP,
                t -> StreamSupport.stream(t.snapshots().spliterator(), false).toList());
        LOG.info("seed {}: {} cells in {} heatmap commits after {} injected failures", seed, cells.size(),
                snapshots.size(), plan.failuresThrown());
        snapshots.forEach(s -> LOG.info("snapshot {} at {}: {}", s.snapshotId(), s.timestampMillis(), s.summary()));
        assertThat(snapshots).hasSizeGreaterThan(1);
    }

    /** Throws from inside the operator that feeds the Iceberg writer, per the plan's "cells" thresholds. */
    static final class FailOnCell extends RichMapFunction<HeatmapCell, HeatmapCell> implements CheckpointListener {
        private final String plan;
        private transient FailurePlan.Countdown countdown;

        FailOnCell(String plan) {
            this.plan = plan;
        }

        @Override
        public void open(OpenContext openContext) {
            countdown = FailurePlan.named(plan).countdown(
                    getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0 ? "cells" : "cells-other");
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            countdown.checkpointCompleted();
        }

        @Override
        public HeatmapCell map(HeatmapCell cell) {
            countdown.tick();
            return cell;
        }
    }
}
