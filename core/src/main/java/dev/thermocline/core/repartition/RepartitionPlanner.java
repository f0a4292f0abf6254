package dev.thermocline.core.repartition;

import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMergeRequest;
import dev.thermocline.core.partition.PartitionSplitRequest;
import dev.thermocline.core.partition.RepartitionPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a map and its partitions' heat into a plan. Partitions are classified on their forecast
 * heat (so a rising partition is hot before it peaks). Splits first: partitions of the hottest
 * class present (hot, or warm when all are alike) whose forecast share exceeds {@code
 * splitAboveShare}, hottest first, cut where the {@link SplitRule} says.
 * Then merges: maximal runs of adjacent cold partitions, each out of its cool-down, grown while the
 * run's combined share (the larger of current and forecast) stays below {@code mergeBelowShare}.
 * Bounds (partition count, key width, operations per revision) are never exceeded; a stationary
 * load between the two thresholds yields an empty plan.
 *
 * <p>Each split cuts a partition in two: a plan may touch a partition once ({@link
 * PartitionMap#apply}), so a partition that needs k parts gets them over ⌈log2 k⌉ intervals.
 */
public final class RepartitionPlanner {

    private final PlannerSettings settings;
    private final HeatClassifier classifier;

    public RepartitionPlanner(PlannerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "planner settings are required");
        this.classifier = settings.classifier().create();
    }

    /** Plans for {@code map} in interval {@code intervalIndex}; {@code heat} must cover every partition. */
    public PlanDecision plan(PartitionMap map, Map<String, PartitionHeat> heat, long intervalIndex) {
        Table table = Table.of(map, heat, settings.forecastHorizon());
        if (table.totalHeat < settings.minTableHeat()) {
            return new PlanDecision(intervalIndex, map, new RepartitionPlan(List.of(), List.of()), List.of(), Map.of());
        }
        Map<String, HeatClass> classes = classifier.classify(features(map, table));
        Draft draft = new Draft(map);
        addSplits(draft, table, classes, intervalIndex);
        addMerges(draft, table, classes, intervalIndex);
        return new PlanDecision(intervalIndex, map, new RepartitionPlan(draft.splits, draft.merges), draft.decisions,
                classes);
    }

    /** The plan being built: its operations, their decisions, and the partition count they lead to. */
    private static final class Draft {
        final List<PartitionSplitRequest> splits = new ArrayList<>();
        final List<PartitionMergeRequest> merges = new ArrayList<>();
        final List<Decision> decisions = new ArrayList<>();
        final Set<String> touched = new HashSet<>();
        long nextOrdinal;
        int count;

        Draft(PartitionMap map) {
            nextOrdinal = map.nextPartitionOrdinal();
            count = map.size();
        }
    }

    /** Hottest first: partitions of the hottest class present, above the split share, out of their cool-down. */
    private void addSplits(Draft draft, Table table, Map<String, HeatClass> classes, long intervalIndex) {
        HeatClass top = classes.values().stream().max(Comparator.naturalOrder()).orElse(HeatClass.HOT);
        List<PartitionHeat> candidates = new ArrayList<>();
        for (PartitionHeat h : table.heats) {
            if (classes.get(h.partitionKey()) == top
                    && table.signalShare(h) > settings.splitAboveShare()
                    && intervalIndex - h.lastChangedInterval() >= settings.splitCoolDownIntervals()) {
                candidates.add(h);
            }
        }
        candidates.sort(Comparator.comparingDouble((PartitionHeat h) -> -table.signalShare(h)));
        for (PartitionHeat h : candidates) {
            if (draft.decisions.size() >= settings.maxOperationsPerRevision() || draft.count >= settings.maxPartitions()) {
                return;
            }
            Optional<SplitPointFinder.SplitPoint> cut =
                    SplitPointFinder.find(settings.splitRule(), h.partition().range(), h.keys(), settings.minKeyWidth());
            if (cut.isEmpty()) {
                continue;
            }
            String newId = PartitionMap.partitionId(draft.nextOrdinal++);
            draft.splits.add(new PartitionSplitRequest(h.partitionKey(), cut.get().key(), newId));
            draft.touched.add(h.partitionKey());
            draft.count++;
            draft.decisions.add(new Decision(Decision.Kind.SPLIT, List.of(h.partitionKey()), cut.get().key(), newId,
                    h.heat(), table.forecast(h), table.heatShare(h), table.signalShare(h), top,
                    cut.get().leftShare(), String.format(
                            "hot: %s share %.4f > split-above %.4f; the cut leaves %.3f of its heat on the left",
                            table.signalName(), table.signalShare(h), settings.splitAboveShare(), cut.get().leftShare())));
        }
    }

    /** Coldest runs first, within the operation budget and never below the minimum partition count. */
    private void addMerges(Draft draft, Table table, Map<String, HeatClass> classes, long intervalIndex) {
        for (List<PartitionHeat> run : coldRuns(table, classes, draft.touched, intervalIndex)) {
            int removable = draft.count - settings.minPartitions();
            if (draft.decisions.size() >= settings.maxOperationsPerRevision() || removable < 1) {
                return;
            }
            List<PartitionHeat> merged = run.size() - 1 > removable ? run.subList(0, removable + 1) : run;
            List<String> ids = merged.stream().map(PartitionHeat::partitionKey).toList();
            draft.merges.add(PartitionMergeRequest.of(ids));
            draft.count -= merged.size() - 1;
            double heatSum = merged.stream().mapToDouble(PartitionHeat::heat).sum();
            double forecastSum = merged.stream().mapToDouble(table::forecast).sum();
            double share = merged.stream().mapToDouble(table::mergeShare).sum();
            draft.decisions.add(new Decision(Decision.Kind.MERGE, ids, null, ids.get(0), heatSum, forecastSum,
                    table.totalHeat > 0 ? heatSum / table.totalHeat : 0,
                    merged.stream().mapToDouble(table::signalShare).sum(), HeatClass.COLD, Double.NaN, String.format(
                            "cold run: combined share %.4f (max of heat and forecast) < merge-below %.4f; "
                                    + "each unchanged for >= %d intervals",
                            share, settings.mergeBelowShare(), settings.mergeCoolDownIntervals())));
        }
    }

    /** Every partition's class as {@link #plan} sees it (for evidence and dashboards). */
    public Map<String, HeatClass> classify(PartitionMap map, Map<String, PartitionHeat> heat) {
        return classifier.classify(features(map, Table.of(map, heat, settings.forecastHorizon())));
    }

    /**
     * Maximal runs of adjacent mergeable partitions, each cut greedily (left to right) into groups
     * whose combined share stays below the threshold; groups of two or more, coldest first.
     */
    private List<List<PartitionHeat>> coldRuns(Table table, Map<String, HeatClass> classes, Set<String> touched,
            long intervalIndex) {
        List<List<PartitionHeat>> groups = new ArrayList<>();
        List<PartitionHeat> group = new ArrayList<>();
        double groupShare = 0;
        for (PartitionHeat h : table.heats) {
            boolean mergeable = classes.get(h.partitionKey()) == HeatClass.COLD
                    && !touched.contains(h.partitionKey())
                    && intervalIndex - h.lastChangedInterval() >= settings.mergeCoolDownIntervals()
                    && table.mergeShare(h) < settings.mergeBelowShare();
            if (mergeable && !group.isEmpty() && groupShare + table.mergeShare(h) < settings.mergeBelowShare()) {
                group.add(h);
                groupShare += table.mergeShare(h);
                continue;
            }
            if (group.size() >= 2) {
                groups.add(group);
            }
            group = new ArrayList<>();
            groupShare = 0;
            if (mergeable) {
                group.add(h);
                groupShare = table.mergeShare(h);
            }
        }
        if (group.size() >= 2) {
            groups.add(group);
        }
        groups.sort(Comparator.comparingDouble(g -> g.stream().mapToDouble(table::mergeShare).sum()));
        return groups;
    }

    /**
     * Classifier input: the heat splits are decided on (forecast, or decayed heat without
     * forecasting), and key width (open ends take the median bounded width; string keys 1).
     */
    private static List<PartitionFeatures> features(PartitionMap map, Table table) {
        List<Double> bounded = new ArrayList<>();
        if (map.keyType() == KeyType.LONG) {
            for (Partition p : map.partitions()) {
                width(p.range()).ifPresent(bounded::add);
            }
        }
        bounded.sort(Double::compare);
        double typical = bounded.isEmpty() ? 1 : bounded.get(bounded.size() / 2);
        List<PartitionFeatures> out = new ArrayList<>();
        for (PartitionHeat h : table.heats) {
            double w = map.keyType() == KeyType.LONG ? width(h.partition().range()).orElse(typical) : 1;
            out.add(new PartitionFeatures(h.partitionKey(), table.signal(h), Math.max(1, w)));
        }
        return out;
    }

    private static Optional<Double> width(KeyRange r) {
        if (r.start() instanceof LongKey s && r.end() instanceof LongKey e) {
            return Optional.of((double) e.value() - s.value());
        }
        return Optional.empty();
    }

    /** The heats in key order with the table's totals; shares are 0 when a total is 0. */
    private record Table(List<PartitionHeat> heats, int horizon, double totalHeat, double totalForecast, double totalSignal) {

        static Table of(PartitionMap map, Map<String, PartitionHeat> heat, int horizon) {
            List<PartitionHeat> heats = new ArrayList<>();
            double h = 0;
            double f = 0;
            for (Partition p : map.partitions()) {
                PartitionHeat ph = heat.get(p.partitionKey());
                if (ph == null) {
                    throw new IllegalArgumentException("no heat for partition " + p + " of '" + map.tableName() + "'");
                }
                if (!ph.partition().equals(p)) {
                    throw new IllegalArgumentException("heat of " + ph.partition() + " does not match partition " + p);
                }
                heats.add(ph);
                h += ph.heat();
                f += ph.forecast(horizon);
            }
            return new Table(heats, horizon, h, f, horizon > 0 ? f : h);
        }

        double forecast(PartitionHeat h) {
            return h.forecast(horizon);
        }

        double heatShare(PartitionHeat h) {
            return totalHeat > 0 ? h.heat() / totalHeat : 0;
        }

        double forecastShare(PartitionHeat h) {
            return totalForecast > 0 ? forecast(h) / totalForecast : 0;
        }

        double signal(PartitionHeat h) {
            return horizon > 0 ? forecast(h) : h.heat();
        }

        /** What splits are decided on: the forecast share, or the decayed-heat share without forecasting. */
        double signalShare(PartitionHeat h) {
            return horizon > 0 ? forecastShare(h) : heatShare(h);
        }

        String signalName() {
            return horizon > 0 ? "forecast (" + horizon + " intervals ahead)" : "decayed heat";
        }

        /** Merges are conservative: cold now and cold in the forecast. */
        double mergeShare(PartitionHeat h) {
            return Math.max(heatShare(h), forecastShare(h));
        }
    }
}
