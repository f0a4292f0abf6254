package dev.thermocline.benchmarks;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.heat.KeySketch;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.repartition.HeatClass;
import dev.thermocline.core.repartition.HeatSettings;
import dev.thermocline.core.repartition.PartitionHeat;
import dev.thermocline.core.repartition.PlannerSettings;
import dev.thermocline.core.repartition.RepartitionEngine;
import dev.thermocline.core.repartition.RepartitionPlanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays an access log against a layout: a static map, or the engine fed with heatmap cells
 * (count + key sketch per partition) once per interval, the way the repartition job will. Each
 * interval's accesses are scored under the map in force while they happened.
 */
public final class Replay {

    /** What one replay measured. */
    record Result(LayoutScore score, long revisions, double meanPartitions, int finalPartitions,
            long classFlips, long classObservations, double meanSeparation, long revisionsAfterSettling) {

        double flipsPer100() {
            return classObservations == 0 ? 0 : 100.0 * classFlips / classObservations;
        }
    }

    private Replay() {}

    static Result fixed(AccessLog log, PartitionMap map, long[] targets) {
        LayoutScore score = score(log, targets);
        log.intervals().forEach(keys -> score.add(map, keys));
        return new Result(score, 0, map.size(), map.size(), 0, 0, Double.NaN, 0);
    }

    /**
     * The engine over the log. Class flips (a partition whose range did not change moving to
     * another class between consecutive intervals) and separation are counted from interval
     * {@code settleIntervals} on, as are revisions for {@code revisionsAfterSettling}.
     */
    static Result engine(AccessLog log, PartitionMap initial, HeatSettings heat, PlannerSettings planner,
            long[] targets, int settleIntervals) {
        LayoutScore score = score(log, targets);
        RepartitionEngine engine = new RepartitionEngine(initial, heat, planner);
        RepartitionPlanner classifier = new RepartitionPlanner(planner);
        Map<String, HeatClass> previousClasses = new HashMap<>();
        Map<String, Partition> previousPartitions = new HashMap<>();
        long revisions = 0;
        long revisionsAfterSettling = 0;
        long partitionIntervals = 0;
        long flips = 0;
        long observations = 0;
        double separationSum = 0;
        int separationCount = 0;
        for (int i = 0; i < log.intervals().size(); i++) {
            PartitionMap map = engine.currentMap();
            long[] keys = log.intervals().get(i);
            score.add(map, keys);
            partitionIntervals += map.size();
            if (engine.onInterval(cells(map, keys, log.endOf(i)), log.endOf(i)).isPresent()) {
                revisions++;
                if (i >= settleIntervals) {
                    revisionsAfterSettling++;
                }
            }
            PartitionMap now = engine.currentMap();
            Map<String, HeatClass> classes = classifier.classify(now, engine.heat());
            if (i >= settleIntervals) {
                for (Partition p : now.partitions()) {
                    if (p.equals(previousPartitions.get(p.partitionKey()))) {
                        observations++;
                        if (classes.get(p.partitionKey()) != previousClasses.get(p.partitionKey())) {
                            flips++;
                        }
                    }
                }
                double sep = separation(classes, engine.heat(), planner.forecastHorizon());
                if (!Double.isNaN(sep)) {
                    separationSum += sep;
                    separationCount++;
                }
            }
            previousClasses = classes;
            previousPartitions = new HashMap<>();
            for (Partition p : now.partitions()) {
                previousPartitions.put(p.partitionKey(), p);
            }
        }
        return new Result(score, revisions, (double) partitionIntervals / log.intervals().size(),
                engine.currentMap().size(), flips, observations,
                separationCount == 0 ? Double.NaN : separationSum / separationCount, revisionsAfterSettling);
    }

    /** The heatmap cells of one interval under {@code map}: count and key sketch per accessed partition. */
    public static List<HeatmapCell> cells(PartitionMap map, long[] keys, Instant end) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, KeySketch> sketches = new HashMap<>();
        for (long k : keys) {
            Key key = Key.of(k);
            String id = map.partitionFor(key).partitionKey();
            counts.computeIfAbsent(id, x -> new long[1])[0]++;
            sketches.computeIfAbsent(id, x -> KeySketch.create(KeyType.LONG)).update(key);
        }
        Instant start = end.minusSeconds(60);
        List<HeatmapCell> cells = new ArrayList<>();
        counts.forEach((id, c) -> cells.add(new HeatmapCell(start, end, map.tableName(), id, c[0], 0, 0, Map.of(),
                sketches.get(id).toBytes())));
        return cells;
    }

    /**
     * Share of the variance of log heat that lies between the classes (1 = classes are tight and
     * apart, 0 = they explain nothing); NaN when all partitions have the same heat.
     */
    private static double separation(Map<String, HeatClass> classes, Map<String, PartitionHeat> heat, int horizon) {
        Map<HeatClass, double[]> byClass = new HashMap<>();
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (PartitionHeat h : heat.values()) {
            double x = Math.log1p(horizon > 0 ? h.forecast(horizon) : h.heat());
            double[] s = byClass.computeIfAbsent(classes.get(h.partitionKey()), c -> new double[3]);
            s[0] += x;
            s[1] += x * x;
            s[2]++;
            sum += x;
            sumSq += x * x;
            n++;
        }
        double total = sumSq - sum * sum / n;
        if (total < 1e-12) {
            return Double.NaN;
        }
        double within = 0;
        for (double[] s : byClass.values()) {
            within += s[1] - s[0] * s[0] / s[2];
        }
        return 1 - within / total;
    }

    private static LayoutScore score(AccessLog log, long[] targets) {
        return new LayoutScore(log.spec().keyLow(), log.spec().keyHigh(), targets);
    }
}
