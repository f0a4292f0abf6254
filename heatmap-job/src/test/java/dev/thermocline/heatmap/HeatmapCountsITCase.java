package dev.thermocline.heatmap;

import static dev.thermocline.heatmap.HeatmapJobFixture.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.input.DeadLetter;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.embedded.EmbeddedKafka;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.heatmap.HeatmapDeployment.DeadLetterTarget;
import dev.thermocline.heatmap.KafkaFixture.Outgoing;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import dev.thermocline.workload.WorkloadSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed heatmap equals an independent count of the input per (window, partition): a skewed
 * workload with a moving hotspot, out-of-order events (within the bound, and beyond it but within
 * the allowed lateness), hopelessly late events (dead letters, not counted), and a partition-map
 * revision that takes effect mid-workload (event-time assignment).
 */
class HeatmapCountsITCase {

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
    void heatmapEqualsAnIndependentCountPerWindowAndPartition(@TempDir Path dir) throws Exception {
        WorkloadSpec spec = HeatmapJobFixture.workload(7, 40_000);
        CatalogSettings catalog = CatalogSettings.embeddedDefault(dir.resolve("warehouse"));
        PartitionMapHistory history = HeatmapJobFixture.commitSplit(catalog, "p11", 710_000,
                spec.start().plus(Duration.ofMinutes(20)));

        List<Access> accesses = new ArrayList<>(HeatmapJobFixture.accesses(spec));
        List<Access> counted = new ArrayList<>();
        List<Outgoing> input = new ArrayList<>();
        List<Access> late = new ArrayList<>();
        for (int i = 0; i < accesses.size(); i++) {
            Access a = accesses.get(i);
            if (i % 1000 == 999) {
                a = a.at(a.timestamp().minusSeconds(45)); // past the 30 s bound, within the 1 min allowed lateness
            }
            counted.add(a);
            input.add(Outgoing.keyed(Long.toString(a.key()), a.json()));
            if (i == accesses.size() / 2) {
                for (int p = 0; p < 20; p++) { // an hour behind the stream: late on either Kafka partition
                    Access hopeless = accesses.get(p).at(spec.start().minus(Duration.ofHours(1)));
                    late.add(hopeless);
                    input.add(new Outgoing(p % 2, "late", hopeless.json()));
                }
            }
        }
        kafka.createTopic("counts", 2);
        KafkaFixture.produce(kafka, "counts", input);

        Clock clock = HeatmapJobFixture.clockAfter(spec);
        HeatmapDeployment deployment = HeatmapJobFixture.deployment(catalog, clock);
        HeatmapJob job = deployment.job(KafkaFixture.boundedSource(kafka, "counts"),
                deployment.deadLetterOutput(DeadLetterTarget.ICEBERG, null), HeatmapJobFixture.options());
        HeatmapJobFixture.run(job, HeatmapJobFixture.environment(dir, 0));

        List<HeatmapCell> cells = IcebergFixture.cells(catalog);
        assertThat(HeatmapOracle.of(cells)).isEqualTo(HeatmapOracle.count(counted, history, WINDOW));
        assertThat(cells).extracting(HeatmapCell::partitionKey).contains("p16"); // the split's new partition
        assertSketchesPlaceTheMedian(cells, counted, history);

        List<DeadLetter> letters = IcebergFixture.deadLetters(catalog);
        assertThat(letters).hasSize(late.size()).allSatisfy(l -> assertThat(l.reason()).startsWith("late: "));
        assertThat(letters.stream().map(l -> Access.parse(l.raw(), null)).map(a -> a.key() + "@" + a.columns()))
                .containsExactlyInAnyOrderElementsOf(late.stream().map(a -> a.key() + "@" + a.columns()).toList());
    }

    /**
     * What the repartition job needs from a cell's sketch: every access counted, and its median a key
     * that splits the cell's accesses in half, within KLL's rank error.
     */
    private static void assertSketchesPlaceTheMedian(List<HeatmapCell> cells, List<Access> accesses,
                                                     PartitionMapHistory history) {
        Map<HeatmapOracle.Coordinates, List<Long>> keys = new HashMap<>();
        for (Access a : accesses) {
            long start = Math.floorDiv(a.timestamp().toEpochMilli(), WINDOW.toMillis()) * WINDOW.toMillis();
            String partition = history.mapAt(a.timestamp()).orElseThrow().partitionFor(Key.of(a.key())).partitionKey();
            keys.computeIfAbsent(new HeatmapOracle.Coordinates(Instant.ofEpochMilli(start), a.table(), partition),
                    k -> new ArrayList<>()).add(a.key());
        }
        for (HeatmapCell cell : cells) {
            KeySketch sketch = KeySketch.fromBytes(KeyType.LONG, cell.keySketch());
            assertThat(sketch.n()).as("sketch of %s", cell).isEqualTo(cell.accessCount());
            List<Long> exact = keys.get(HeatmapOracle.Coordinates.of(cell));
            long median = ((LongKey) sketch.quantile(0.5)).value();
            double below = exact.stream().filter(k -> k < median).count() / (double) exact.size();
            double atOrBelow = exact.stream().filter(k -> k <= median).count() / (double) exact.size();
            assertThat(0.5).as("median %d of %s", median, cell).isBetween(below - 0.03, atOrBelow + 0.03);
        }
    }
}
