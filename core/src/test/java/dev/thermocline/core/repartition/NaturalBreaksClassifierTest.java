package dev.thermocline.core.repartition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/** The dynamic programme finds the optimal breaks: checked against trying every pair of breaks. */
class NaturalBreaksClassifierTest {

    @Property(tries = 300)
    void segmentationIsOptimalAgainstBruteForce(
            @ForAll @Size(min = 3, max = 14) double[] raw,
            @ForAll @Size(min = 14, max = 14) double[] rawWeights) {
        double[] values = Arrays.stream(raw).map(v -> Math.abs(v) % 20).sorted().distinct().toArray();
        if (values.length < 3) {
            return;
        }
        double[] weights = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            weights[i] = 1 + Math.abs(rawWeights[i]) % 5;
        }

        int[] classes = NaturalBreaksClassifier.segment(values, weights, 3);

        double best = Double.POSITIVE_INFINITY;
        for (int a = 1; a < values.length - 1; a++) {
            for (int b = a + 1; b < values.length; b++) {
                best = Math.min(best, sse(values, weights, 0, a) + sse(values, weights, a, b) + sse(values, weights, b, values.length));
            }
        }
        assertThat(cost(values, weights, classes)).isCloseTo(best, within(1e-9 * (1 + best)));
        for (int i = 1; i < classes.length; i++) {
            assertThat(classes[i]).as("contiguous, ascending classes").isBetween(classes[i - 1], classes[i - 1] + 1);
        }
        assertThat(classes[0]).isZero();
        assertThat(classes[classes.length - 1]).isEqualTo(2);
    }

    private static double cost(double[] v, double[] w, int[] classes) {
        double total = 0;
        int start = 0;
        for (int i = 1; i <= v.length; i++) {
            if (i == v.length || classes[i] != classes[start]) {
                total += sse(v, w, start, i);
                start = i;
            }
        }
        return total;
    }

    private static double sse(double[] v, double[] w, int from, int to) {
        double sw = 0;
        double sum = 0;
        for (int i = from; i < to; i++) {
            sw += w[i];
            sum += w[i] * v[i];
        }
        double mean = sum / sw;
        double s = 0;
        for (int i = from; i < to; i++) {
            s += w[i] * (v[i] - mean) * (v[i] - mean);
        }
        return s;
    }
}
