package dev.thermocline.core.repartition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Behaviour both classifiers must have. */
class HeatClassifierTest {

    @ParameterizedTest
    @EnumSource(HeatClassifier.Kind.class)
    void threeClearLevelsBecomeColdWarmAndHot(HeatClassifier.Kind kind) {
        List<PartitionFeatures> parts = new ArrayList<>();
        Random rnd = new Random(1);
        for (int i = 0; i < 8; i++) {
            parts.add(new PartitionFeatures("c" + i, 10 * (1 + 0.1 * rnd.nextGaussian()), 60_000));
            parts.add(new PartitionFeatures("w" + i, 300 * (1 + 0.1 * rnd.nextGaussian()), 60_000));
        }
        parts.add(new PartitionFeatures("h0", 9_000, 1_000));
        parts.add(new PartitionFeatures("h1", 11_000, 1_000));

        Map<String, HeatClass> classes = kind.create().classify(parts);

        parts.forEach(p -> assertThat(classes.get(p.partitionKey())).as(p.partitionKey())
                .isEqualTo(switch (p.partitionKey().charAt(0)) {
                    case 'c' -> HeatClass.COLD;
                    case 'w' -> HeatClass.WARM;
                    default -> HeatClass.HOT;
                }));
    }

    @ParameterizedTest
    @EnumSource(HeatClassifier.Kind.class)
    void equallyLoadedPartitionsWithNoiseAreOneWarmClass(HeatClassifier.Kind kind) {
        Random rnd = new Random(2);
        List<PartitionFeatures> parts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            parts.add(new PartitionFeatures("p" + i, 1_000 * (1 + 0.2 * rnd.nextGaussian()), 62_500));
        }

        assertThat(kind.create().classify(parts).values()).containsOnly(HeatClass.WARM);
    }

    @ParameterizedTest
    @EnumSource(HeatClassifier.Kind.class)
    void twoLevelsAreColdAndHot(HeatClassifier.Kind kind) {
        List<PartitionFeatures> parts = List.of(new PartitionFeatures("a", 5, 100), new PartitionFeatures("b", 6, 100),
                new PartitionFeatures("c", 500, 100), new PartitionFeatures("d", 520, 100));

        Map<String, HeatClass> classes = kind.create().classify(parts);

        assertThat(classes).containsEntry("a", HeatClass.COLD).containsEntry("b", HeatClass.COLD)
                .containsEntry("c", HeatClass.HOT).containsEntry("d", HeatClass.HOT);
    }

    @ParameterizedTest
    @EnumSource(HeatClassifier.Kind.class)
    void theSameFeaturesInAnyOrderGiveTheSameClasses(HeatClassifier.Kind kind) {
        Random rnd = new Random(3);
        List<PartitionFeatures> parts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            parts.add(new PartitionFeatures("p" + i, Math.exp(rnd.nextDouble() * 10), 1 + rnd.nextInt(100_000)));
        }
        Map<String, HeatClass> first = kind.create().classify(parts);
        List<PartitionFeatures> shuffled = new ArrayList<>(parts);
        java.util.Collections.shuffle(shuffled, new Random(4));

        assertThat(kind.create().classify(shuffled)).isEqualTo(first);
        assertThat(kind.create().classify(List.of(parts.get(0)))).containsExactly(Map.entry("p0", HeatClass.WARM));
        assertThat(kind.create().classify(List.of())).isEmpty();
    }
}
