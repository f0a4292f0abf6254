package dev.thermocline.backup;

import dev.thermocline.changelog.ChangelogProgress;
import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.backup.BackupPlan;
import dev.thermocline.core.backup.BackupPlanner;
import dev.thermocline.core.backup.CopySource;
import dev.thermocline.core.backup.CopyTask;
import dev.thermocline.core.backup.CutoffRule;
import dev.thermocline.core.backup.DueReason;
import dev.thermocline.core.partition.KeyRange;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.backup.BackupSummary;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import java.io.Closeable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.InstantiationUtil;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * One backup run ({@code thermocline backup}): for each table, choose the cutoff
 * ({@link CutoffRule}), lay the copies out by the partition map in force at it, plan which
 * partitions are due ({@link BackupPlanner}), build their copies in parallel ({@link BackupJob}),
 * and commit everything in one snapshot of {@code backups} ({@link BackupCommit}).
 */
public final class BackupRun {

    private final CatalogLoader catalogLoader;
    private final Namespace namespace;
    private final Map<String, TableSpec> specs;
    private final Clock clock;

    public BackupRun(CatalogLoader catalogLoader, Namespace namespace, Map<String, TableSpec> specs, Clock clock) {
        this.catalogLoader = Objects.requireNonNull(catalogLoader, "catalogLoader is required.");
        this.namespace = Objects.requireNonNull(namespace, "namespace is required.");
        this.specs = Map.copyOf(specs);
        this.clock = Objects.requireNonNull(clock, "clock is required.");
    }

    public BackupResult run(StreamExecutionEnvironment env, BackupOptions options) throws Exception {
        Catalog catalog = catalogLoader.loadCatalog();
        try {
            return run(catalog, env, options);
        } finally {
            if (catalog instanceof Closeable c) {
                c.close();
            }
        }
    }

    private BackupResult run(Catalog catalog, StreamExecutionEnvironment env, BackupOptions options) throws Exception {
        Table changelog = ThermoclineTables.ensure(catalog, id(ThermoclineTables.CHANGELOG), ThermoclineTables.changelog());
        Table backups = ThermoclineTables.ensure(catalog, id(ThermoclineTables.BACKUPS), ThermoclineTables.backups());
        Table progress = ThermoclineTables.ensure(catalog, id(ChangelogProgress.TABLE), ChangelogProgress.table());
        changelog.refresh();
        Snapshot log = changelog.currentSnapshot();
        if (log == null) {
            throw new IllegalStateException("the change log " + changelog.name() + " is empty: nothing to back up yet");
        }
        Optional<Instant> complete = options.requireCompleteLog()
                ? ChangelogProgress.completeThrough(changelog, log, progress) : Optional.of(Instant.MAX);
        backups.refresh();
        Snapshot base = backups.currentSnapshot();
        PartitionMapStore maps = new PartitionMapStore(catalog, namespace, specs);

        List<BackupPlan> plans = new ArrayList<>();
        List<CopyJob> jobs = new ArrayList<>();
        for (String table : tables(options)) {
            TableSpec spec = specs.get(table);
            PartitionMapHistory history = maps.load(table);
            Instant cutoff = CutoffRule.choose(options.cutoff(), complete, clock.instant());
            PartitionMap layout = history.mapAt(cutoff).orElseGet(() -> history.revisions().get(0));
            List<BackupCopy> previous = base == null ? List.of()
                    : BackupSummary.decode(table, spec.keyType(), base.summary(), base.snapshotId());
            ChangelogScan scan = new ChangelogScan(changelog, log.snapshotId());
            Map<String, Double> heat = options.policy().restoreCostThreshold() == Double.POSITIVE_INFINITY ? Map.of()
                    : RecentHeat.accessesPerHour(catalog, namespace, history, layout, cutoff);
            Set<String> onDemand = options.forced().contains(table)
                    ? layout.partitions().stream().map(p -> p.partitionKey()).collect(java.util.stream.Collectors.toSet())
                    : options.onDemand().getOrDefault(table, Set.of());
            BackupPlan plan = BackupPlanner.plan(layout, previous, cutoff, onDemand, options.policy(),
                    (p, copy) -> scan.activity(table, ChangelogScan.partitionIdsEverOverlapping(history, p.range()),
                            p.range(), copy.cutoffTs(), cutoff, heat.getOrDefault(p.partitionKey(), 0.0)));
            plans.add(plan);
            for (CopyTask task : plan.tasks()) {
                List<List<String>> ids = new ArrayList<>();
                for (CopySource source : task.sources()) {
                    ids.add(ChangelogScan.partitionIdsEverOverlapping(history, source.range()));
                }
                jobs.add(new CopyJob(table, spec.keyType(), task, cutoff, base == null ? null : base.snapshotId(),
                        log.snapshotId(), ids));
            }
        }

        List<CopyResult> results = new BackupJob(catalogLoader, namespace).run(env, jobs);
        List<BackupCommit.TablePart> parts = new ArrayList<>();
        int next = 0;
        for (BackupPlan plan : plans) {
            List<DataFile> files = new ArrayList<>();
            List<BackupCopy> copies = new ArrayList<>(plan.carried());
            for (CopyTask task : plan.tasks()) {
                CopyResult r = results.get(next++);
                files.addAll(InstantiationUtil.<List<DataFile>>deserializeObject(r.dataFiles(),
                        Thread.currentThread().getContextClassLoader()));
                copies.add(new BackupCopy(plan.tableName(), task.partition().partitionKey(), task.partition().range(),
                        plan.layout().revision(), plan.cutoff(), r.cutoffLsn(), r.rows(), BackupSummary.THIS_SNAPSHOT));
            }
            copies.sort(Comparator.comparing(BackupCopy::range, Comparator.comparing(KeyRange::start,
                    Comparator.nullsFirst(Comparator.naturalOrder()))));
            if (!plan.isEmpty()) {
                parts.add(new BackupCommit.TablePart(plan, files, copies));
            }
        }
        Long snapshotId = parts.isEmpty() ? null : BackupCommit.commit(backups, base, parts);
        return result(snapshotId, plans, backups);
    }

    private BackupResult result(Long snapshotId, List<BackupPlan> plans, Table backups) {
        backups.refresh();
        Snapshot current = backups.currentSnapshot();
        List<BackupResult.TableResult> tables = new ArrayList<>();
        for (BackupPlan plan : plans) {
            Map<String, DueReason> built = new LinkedHashMap<>();
            plan.tasks().forEach(t -> built.put(t.partition().partitionKey(), t.reason()));
            List<BackupCopy> copies = current == null ? List.of() : BackupSummary.decode(plan.tableName(),
                    plan.layout().keyType(), current.summary(), current.snapshotId());
            tables.add(new BackupResult.TableResult(plan.tableName(), plan.cutoff(), plan.layout().revision(), built,
                    copies));
        }
        return new BackupResult(snapshotId, tables);
    }

    private List<String> tables(BackupOptions options) {
        if (options.tables().isEmpty()) {
            return List.copyOf(specs.keySet());
        }
        List<String> unknown = options.tables().stream().filter(t -> !specs.containsKey(t)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("tables " + unknown + " are not configured; configured: " + specs.keySet());
        }
        return options.tables().stream().sorted().toList();
    }

    private TableIdentifier id(String name) {
        return TableIdentifier.of(namespace, name);
    }
}
