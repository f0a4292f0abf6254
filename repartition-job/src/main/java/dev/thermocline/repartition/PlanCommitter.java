package dev.thermocline.repartition;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.repartition.HeatSettings;
import dev.thermocline.core.repartition.PartitionHeat;
import dev.thermocline.core.repartition.PlanDecision;
import dev.thermocline.core.repartition.PlannerSettings;
import dev.thermocline.core.repartition.RepartitionEngine;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import dev.thermocline.flink.partitionmap.RevisionConflictException;
import dev.thermocline.flink.partitionmap.VersionedHistory;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Keeps an engine in step with the stored partition-map history and commits its plans. The engine
 * lives in Flink state; the commit is a side effect, so after a restart from an older checkpoint an
 * interval may plan a revision that is already stored. Every path ends with the engine on a stored
 * revision (or on the one it just committed), and no revision is written twice:
 * <ul>
 *   <li>the planned revision follows the stored latest: commit it (optimistic, {@link PartitionMapStore}),
 *       then log its decisions in {@code split_requests};
 *   <li>the same revision is stored already (a replay): adopt it, and log its decisions if the crash
 *       came between the two commits;
 *   <li>another writer got there first: go back to the state before the interval, adopt the stored
 *       revisions in force by now and, if that is the stored latest, observe and plan the interval again
 *       (up to {@code maxCommitAttempts} times); if newer ones take effect later, this engine is replaying
 *       behind the history and follows it instead of planning.
 * </ul>
 * Not thread-safe; one per Flink task.
 */
public final class PlanCommitter implements Closeable {

    /**
     * How an interval ended.
     *
     * @param engine the engine to keep
     * @param committed the plan committed in it, if one was
     * @param adopted stored revisions adopted after a lost race
     * @param conflicts commits lost to another writer
     */
    public record Interval(RepartitionEngine engine, PlanRound.Outcome outcome, Optional<PlanDecision> committed,
                           int adopted, int conflicts) {}

    private final Catalog catalog;
    private final PartitionMapStore store;
    private final SplitRequestLog log;
    private final TableIdentifier partitionMapId;
    private final int maxCommitAttempts;
    private final Map<String, VersionedHistory> histories = new HashMap<>();
    private Long historiesAt;
    private Table partitionMap;

    public PlanCommitter(Catalog catalog, Namespace namespace, Map<String, TableSpec> tables, int maxCommitAttempts) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is required.");
        this.store = new PartitionMapStore(catalog, namespace, tables);
        this.log = new SplitRequestLog(catalog, TableIdentifier.of(namespace, ThermoclineTables.SPLIT_REQUESTS));
        this.partitionMapId = TableIdentifier.of(namespace, ThermoclineTables.PARTITION_MAP);
        if (maxCommitAttempts < 1) {
            throw new IllegalArgumentException("maxCommitAttempts " + maxCommitAttempts + " must be at least 1");
        }
        this.maxCommitAttempts = maxCommitAttempts;
    }

    /**
     * A fresh engine for {@code table} at the first interval ending at {@code intervalEnd}: on the
     * stored revision in force just before it, reached by adopting every earlier revision in turn, so
     * late cells naming partitions retired on the way still count.
     */
    public RepartitionEngine startEngine(String table, Instant intervalEnd, HeatSettings heat, PlannerSettings planner) {
        PartitionMapHistory history = history(table).history();
        RepartitionEngine engine = new RepartitionEngine(history.revisions().get(0), heat, planner);
        catchUp(engine, intervalEnd);
        return engine;
    }

    /**
     * Adopts the stored revisions newer than the engine's map that took effect before
     * {@code intervalEnd} (other writers', or this job's own before a restart); returns how many.
     * A revision taking effect at {@code intervalEnd} itself is one this interval may be replaying,
     * so it is left to {@link #observe}.
     */
    public int catchUp(RepartitionEngine engine, Instant intervalEnd) {
        PartitionMap current = engine.currentMap();
        int adopted = 0;
        for (PartitionMap stored : history(current.tableName()).history().revisions()) {
            if (stored.revision() > current.revision() && stored.validFrom().isBefore(intervalEnd)) {
                engine.adopt(stored);
                adopted++;
            }
        }
        return adopted;
    }

    /**
     * One interval of {@code engine}: observes {@code cells} at event time {@code now} and commits the
     * plan it makes, if any (see the class comment for the paths). After a lost race the interval is
     * observed again from the engine's state before it, on the revisions adopted meanwhile, so the
     * re-plan sees the winner's partitions with their true cool-downs. Returns the engine to keep
     * (a fresh instance after a lost race).
     */
    public Interval observe(RepartitionEngine engine, List<HeatmapCell> cells, Instant now) {
        String table = engine.currentMap().tableName();
        byte[] before = EngineBytes.of(engine);
        int adopted = 0;
        int conflicts = 0;
        for (int attempt = 1; ; attempt++) {
            Optional<PlanDecision> decision = engine.onInterval(cells, now);
            if (decision.isEmpty()) {
                PlanRound.Outcome outcome = conflicts > 0 ? PlanRound.Outcome.ADOPTED : PlanRound.Outcome.NO_CHANGE;
                return new Interval(engine, outcome, Optional.empty(), adopted, conflicts);
            }
            PlanDecision plan = decision.get();
            PartitionMap planned = engine.currentMap();
            PartitionMap base = plan.base();
            VersionedHistory stored = history(table);
            PartitionMap latest = stored.history().latest().orElseThrow();
            if (latest.revision() < base.revision()) {
                throw new IllegalStateException("partition_map holds revisions of '" + table + "' up to "
                        + latest.revision() + ", but this job planned on revision " + base.revision()
                        + ": the table was reset or replaced; restart the job without its state");
            }
            if (latest.revision() == base.revision() && latest.partitions().equals(base.partitions())) {
                try {
                    remember(table, store.commit(stored, planned, heatOf(engine)));
                    log.append(planned, plan.decisions());
                    return new Interval(engine, PlanRound.Outcome.COMMITTED, Optional.of(plan), adopted, conflicts);
                } catch (RevisionConflictException lost) {
                    forget();
                    stored = history(table);
                }
            }
            Optional<PartitionMap> same = stored.history().revision(planned.revision());
            if (same.isPresent() && sameRevision(same.get(), planned)) {
                engine.adopt(same.get());
                log.append(same.get(), plan.decisions());
                return new Interval(engine, PlanRound.Outcome.ALREADY_STORED, Optional.empty(), adopted, conflicts);
            }
            conflicts++;
            engine = EngineBytes.engine(before);
            adopted += adoptInForce(engine, stored.history(), now);
            boolean atHead = engine.currentMap().revision() == stored.history().latest().orElseThrow().revision();
            if (!atHead || attempt >= maxCommitAttempts) {
                // observe the interval without committing: a plan made now has no place in the stored history
                PartitionMap inForce = engine.currentMap();
                if (engine.onInterval(cells, now).isPresent()) {
                    engine.adopt(inForce);
                }
                return new Interval(engine, PlanRound.Outcome.ADOPTED, Optional.empty(), adopted, conflicts);
            }
            before = EngineBytes.of(engine);
        }
    }

    @Override
    public void close() throws IOException {
        if (catalog instanceof Closeable closeable) {
            closeable.close();
        }
    }

    /** Adopts the stored revisions newer than the engine's map that are in force at {@code now}. */
    private static int adoptInForce(RepartitionEngine engine, PartitionMapHistory history, Instant now) {
        long current = engine.currentMap().revision();
        int adopted = 0;
        for (PartitionMap stored : history.revisions()) {
            if (stored.revision() > current && !stored.validFrom().isAfter(now)) {
                engine.adopt(stored);
                adopted++;
            }
        }
        return adopted;
    }

    private static boolean sameRevision(PartitionMap a, PartitionMap b) {
        return a.revision() == b.revision() && a.validFrom().equals(b.validFrom()) && a.reason().equals(b.reason())
                && a.partitions().equals(b.partitions());
    }

    private static Map<String, Double> heatOf(RepartitionEngine engine) {
        Map<String, Double> heat = new LinkedHashMap<>();
        for (Map.Entry<String, PartitionHeat> e : engine.heat().entrySet()) {
            heat.put(e.getKey(), e.getValue().heat());
        }
        return heat;
    }

    /** The table's stored history, reread only when {@code partition_map} has a new snapshot. */
    private VersionedHistory history(String table) {
        if (partitionMap == null) {
            partitionMap = catalog.loadTable(partitionMapId);
        }
        partitionMap.refresh();
        Snapshot snapshot = partitionMap.currentSnapshot();
        Long at = snapshot == null ? null : snapshot.snapshotId();
        if (!Objects.equals(at, historiesAt)) {
            forget();
            historiesAt = at;
        }
        return histories.computeIfAbsent(table, store::loadVersioned);
    }

    private void remember(String table, VersionedHistory committed) {
        forget();
        historiesAt = committed.snapshotId();
        histories.put(table, committed);
    }

    private void forget() {
        histories.clear();
        historiesAt = null;
    }
}
