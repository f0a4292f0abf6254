package dev.thermocline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thermocline.cli.demo.DemoDirectory;
import dev.thermocline.cli.demo.DemoFeed;
import dev.thermocline.cli.demo.KafkaPhaseJobs;
import dev.thermocline.cli.demo.LayoutHeat;
import dev.thermocline.cli.demo.PhaseTags;
import dev.thermocline.cli.demo.RestoreCheck;
import dev.thermocline.cli.demo.WarehouseFacts;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.restore.RangeSelection;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.embedded.EmbeddedKafka;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.config.ConfigSources;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.flink.kafka.KafkaSettings;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import dev.thermocline.restore.CostModelFile;
import dev.thermocline.restore.ExplainReport;
import dev.thermocline.restore.JsonLinesOutput;
import dev.thermocline.restore.ResolvedPlan;
import dev.thermocline.restore.RestoreProgress;
import dev.thermocline.restore.RestoreResult;
import dev.thermocline.restore.RestoreService;
import dev.thermocline.restore.Sizes;
import dev.thermocline.workload.Workload;
import dev.thermocline.workload.WorkloadSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;

/**
 * {@code thermocline demo}: the product end to end on the embedded default, in a directory it
 * names. An in-process Kafka broker (KRaft), a local Iceberg warehouse with a SQLite catalog and
 * local Flink MiniClusters with RocksDB. A seeded {@code orders} workload (100k keys, Zipf accesses
 * around a hotspot that moves halfway through, a consistent Debezium change stream with duplicates
 * and a few malformed records) is produced to the access-log and change topics in two phases; after
 * each, the changelog and heatmap jobs read the phase from Kafka, one repartition round plans the new
 * heat, and a backup runs. Then a hot key range is restored as of a time in the middle of the run and
 * checked against a replay of the generator's own history: exit 1 when they differ.
 */
final class DemoAction implements Action<DemoRequest> {

    static final long SEED = 42;
    /** The restored range: the first hotspot's centre ± 5 000, 1 % of the key space. */
    static final long RESTORE_LOW = 195_000;
    static final long RESTORE_HIGH = 204_999;

    private final WorkloadSpec spec;
    private final Actions actions;

    DemoAction() {
        this(WorkloadSpec.orders(SEED).withBadRecordShare(0.001), null);
    }

    /** @param actions the sub-steps' actions, or null for {@link Actions#defaults()} (tests shrink the workload) */
    DemoAction(WorkloadSpec spec, Actions actions) {
        this.spec = spec;
        this.actions = actions;
    }

    /** The time the demo restores: ten minutes after the hotspot moved, after the first backup. */
    static Instant restoreAsOf(WorkloadSpec spec) {
        return spec.start().plus(spec.duration().dividedBy(2)).plus(spec.duration().dividedBy(6));
    }

    @Override
    public int run(DemoRequest request, ActionContext context) throws Exception {
        Actions steps = actions == null ? Actions.defaults() : actions;
        PrintWriter out = context.out();
        Path dir = context.workingDirectory().resolve("thermocline-demo").toAbsolutePath();
        DemoDirectory.prepare(dir);
        ThermoclineConfig config = demoConfig(dir);
        Path logFile = dir.resolve("demo.log");
        try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile))) {
            ActionContext quiet = new ActionContext(config, log, log, context.clock(), dir);
            long started = System.nanoTime();
            out.printf("Thermocline demo in %s (step output in %s)%n", dir, logFile.getFileName());
            out.printf("[1/7] starting an in-process Kafka broker; generating the workload: %,d keys, %,d accesses, "
                    + "%,d changes, hotspot moves at half time (seed %d)%n",
                    spec.initialRows(), spec.accessEvents(), spec.changeEvents(), spec.seed());
            out.flush();
            // The generator is seeded and pure: it runs while the broker starts.
            CompletableFuture<Workload> generated = CompletableFuture.supplyAsync(() -> Workload.generate(spec));
            try (EmbeddedKafka broker = new EmbeddedKafka().start()) {
                KafkaSettings kafka = config.kafka().settings(broker.bootstrapServers());
                Workload workload = generated.join();
                int result = run(workload, kafka, config, steps, quiet, dir, out);
                out.printf("took               %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
                out.flush();
                return result;
            }
        }
    }

    private int run(Workload workload, KafkaSettings kafka, ThermoclineConfig config, Actions steps, ActionContext quiet,
                    Path dir, PrintWriter out) throws Exception {
        Instant start = spec.start();
        Instant middle = start.plus(spec.duration().dividedBy(2));
        Instant end = start.plus(spec.duration()).plusSeconds(1);
        String table = spec.tableName();
        long produced = 0;
        long malformed = 0;
        try (DemoFeed feed = new DemoFeed(kafka)) {
            KafkaPhaseJobs jobs = new KafkaPhaseJobs(config, kafka, dir.resolve(".thermocline/checkpoints"), quiet.clock());
            int phase = 0;
            for (Instant[] span : List.of(new Instant[] {start.minusSeconds(3600), middle}, new Instant[] {middle, end})) {
                phase++;
                long t0 = System.nanoTime();
                DemoFeed.Phase p = feed.produce(workload, span[0], span[1]);
                produced += p.accessRecords() + p.changeEvents();
                malformed += p.malformed();
                out.printf("[%d/7] phase %d (event time up to %s): produced %,d access records to '%s' and %,d change "
                        + "events to '%s' in %.1f s%n", phase + 1, phase, span[1].minusSeconds(phase == 2 ? 1 : 0),
                        p.accessRecords(), kafka.topics().access(), p.changeEvents(), feed.changeTopic(), seconds(t0));
                out.flush();
                step(out, "changelog + heatmap jobs (Kafka -> Iceberg)", () -> {
                    jobs.run(p);
                    return ExitCode.OK;
                });
                step(out, "repartition --once", () -> steps.run(JobKind.REPARTITION).run(new RunJobRequest(
                        JobKind.REPARTITION, new JobSource.Kafka(), true, Optional.empty()), quiet));
                step(out, "backup", () -> steps.backup().run(new BackupRequest(Optional.of(table), Optional.empty()), quiet));
                tag(config, phase);
            }
        }

        Instant asOf = restoreAsOf(spec);
        Path restored = dir.resolve("restored-orders.jsonl");
        Files.deleteIfExists(restored);
        out.printf("[4/7] restoring %s keys %d..%d (the first hotspot, 1%% of the key space) as of %s%n", table,
                RESTORE_LOW, RESTORE_HIGH, asOf);
        out.flush();
        RestoreRequest restore = rangeRequest(table, asOf, RESTORE_LOW, RESTORE_HIGH);
        Catalog catalog = IcebergCatalogs.load(config.catalogSettings());
        try {
            Namespace namespace = Namespace.of(config.namespace().split("\\."));
            CostModelFile costModel = new CostModelFile(Path.of(config.warehouse()).resolve(RestoreAction.COST_MODEL_FILE));
            RestoreService service = new RestoreService(catalog, namespace, config.tables(), costModel);
            StreamExecutionEnvironment env = failFast();
            int parallelism = Math.max(1, env.getParallelism());
            ExplainReport explain = service.explain(restore, parallelism);
            PartitionMapHistory history = new PartitionMapStore(catalog, namespace, config.tables()).load(table);
            RestoreRequest staticRange = staticLayoutRequest(history, table, asOf);
            ResolvedPlan staticPlan = service.resolve(staticRange);
            long t0 = System.nanoTime();
            RestoreResult result = service.run(restore, new JsonLinesOutput(restored, config.table(table).keyType()), env,
                    RestoreProgress.NONE);
            out.printf("      %-44s done in %.1f s%n", "restore job", seconds(t0));

            out.printf("[5/7] checking the restore against a replay of the generated history%n");
            Map<Long, JsonNode> expected = RestoreCheck.replay(workload.history(), RESTORE_LOW, RESTORE_HIGH, asOf);
            List<String> problems = RestoreCheck.differences(restored, expected);

            Path picture = dir.resolve("heatmap.png");
            out.printf("[6/7] drawing the heatmap%n");
            out.flush();
            step(out, "heatmap picture", () -> steps.heatmap().run(new HeatmapPictureRequest(table, Optional.empty(),
                    Optional.empty(), picture, PictureFormat.PNG), quiet));

            out.printf("[7/7] summary%n%n");
            WarehouseFacts facts = WarehouseFacts.read(catalog, namespace, table);
            out.printf(Locale.ROOT, "events processed   %,d through Kafka: %,d accesses counted into %,d heatmap cells, "
                    + "%,d changes in the change log%n", produced, facts.accessesCounted(), facts.heatmapCells(),
                    facts.changelogRows());
            out.printf(Locale.ROOT, "dead letters       %,d in table dead_letters (%,d malformed records were produced)%n",
                    facts.deadLetters(), malformed);
            layout(history, workload, start, middle, end, out);
            out.printf(Locale.ROOT, "backup runs        %d (one Iceberg commit each), %,d rows in the latest copies%n",
                    facts.backupRuns(), facts.backupRows());
            out.printf(Locale.ROOT, "restore            %,d rows of keys %d..%d as of %s in %s (%,d changes replayed)%n",
                    result.rows(), RESTORE_LOW, RESTORE_HIGH, asOf, Sizes.duration(result.actual()), result.changesReplayed());
            out.printf(Locale.ROOT, "  read             %-10s in %3d files of %2d partition(s)   (this restore, measured)%n",
                    Sizes.bytes(result.bytesRead()), result.plannedBase().files() + result.plannedChanges().files(),
                    explain.plan().partitionCount());
            compare(out, "full-table", explain.fullTable(), explain.model().predict(explain.fullTable().estimates(), parallelism),
                    "every key, same time (plan)");
            compare(out, "static 16 ranges", staticPlan, explain.model().predict(staticPlan.estimates(), parallelism),
                    "its partition " + describe(staticRange) + " (plan)");
            out.printf("restore check      %s%n", problems.isEmpty() ? "OK: equals the replay of the generated history ("
                    + expected.size() + " rows)" : "FAILED: " + problems.size() + " differences, first: " + problems.get(0));
            out.printf("restored rows      %s%n", restored);
            out.printf("picture            %s%n", picture);
            out.printf("warehouse          %s%n", config.warehouse());
            out.printf("next               cd %s && %s sql \"SELECT * FROM partition_map\"   (more in README.md, "
                    + "\"A five-minute tour\")%n", dir, launcher(dir));
            out.flush();
            return problems.isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
        } finally {
            if (catalog instanceof AutoCloseable c) {
                c.close();
            }
        }
    }

    /** How to call the launcher from the demo directory: {@code ../thermocline} when the demo ran beside it. */
    private static String launcher(Path dir) {
        return Files.isExecutable(dir.resolveSibling("thermocline")) ? "../thermocline" : "thermocline";
    }

    private static void tag(ThermoclineConfig config, int phase) throws Exception {
        Catalog catalog = IcebergCatalogs.load(config.catalogSettings());
        try {
            PhaseTags.tag(catalog, Namespace.of(config.namespace().split("\\.")), phase);
        } finally {
            if (catalog instanceof AutoCloseable c) {
                c.close();
            }
        }
    }

    private static void compare(PrintWriter out, String label, ResolvedPlan plan, Duration predicted, String what) {
        long bytes = plan.totalBase().bytes() + plan.totalChanges().bytes();
        out.printf(Locale.ROOT, "  %-16s %-10s in %3d files of %2d partition(s)   (%s; predicted %s)%n", label,
                Sizes.bytes(bytes), plan.totalBase().files() + plan.totalChanges().files(), plan.partitionCount(), what,
                Sizes.duration(predicted));
    }

    /** Partitions before (the initial 16 ranges, under the first phase's heat) and after (under the last minutes). */
    private void layout(PartitionMapHistory history, Workload workload, Instant start, Instant middle, Instant end,
                        PrintWriter out) {
        PartitionMap first = history.revisions().get(0);
        PartitionMap last = history.latest().orElseThrow();
        out.printf("revisions          %d after the initial map:%n", history.revisions().size() - 1);
        List<PartitionMap> revisions = history.revisions().subList(1, history.revisions().size());
        for (int i = 0; i < revisions.size(); i++) {
            if (revisions.size() > 10 && i == 4) {
                out.printf("    … %d more (thermocline sql \"SELECT * FROM split_requests\")%n", revisions.size() - 8);
                i = revisions.size() - 5;
                continue;
            }
            PartitionMap m = revisions.get(i);
            String reason = m.reason().length() > 100 ? m.reason().substring(0, 99) + "…" : m.reason();
            out.printf("    r%-3d from %s  %2d partitions  %s%n", m.revision(), m.validFrom(), m.size(), reason);
        }
        Instant recent = end.minus(spec.duration().dividedBy(6));
        out.printf("partitions before  %d (revision 0); share of accesses %s..%s (the first hotspot):%n", first.size(),
                start, middle);
        LayoutHeat.print(first, LayoutHeat.shares(first, workload, start, middle), spec.keyLow(), spec.keyHigh(), out);
        out.printf("partitions after   %d (revision %d); share of accesses %s..%s (the second hotspot):%n", last.size(),
                last.revision(), recent, end);
        LayoutHeat.print(last, LayoutHeat.shares(last, workload, recent, end), spec.keyLow(), spec.keyHigh(), out);
    }

    /** A restore, as of the same time, of the whole initial (static 16-range) partitions holding the range. */
    private static RestoreRequest staticLayoutRequest(PartitionMapHistory history, String table, Instant asOf) {
        List<Partition> covering = history.revisions().get(0)
                .overlapping(KeyInterval.closed(Key.of(RESTORE_LOW), Key.of(RESTORE_HIGH)));
        Partition lo = covering.get(0);
        Partition hi = covering.get(covering.size() - 1);
        long low = lo.range().start() == null ? Long.MIN_VALUE : Long.parseLong(lo.range().start().text());
        long high = hi.range().end() == null ? Long.MAX_VALUE : Long.parseLong(hi.range().end().text()) - 1;
        return rangeRequest(table, asOf, low, high);
    }

    private static String describe(RestoreRequest request) {
        return request.selections().get(0).toString().replaceAll("@.*$", "");
    }

    private static RestoreRequest rangeRequest(String table, Instant asOf, long lo, long hi) {
        return new RestoreRequest(table, asOf,
                List.of(new RangeSelection.Interval(KeyInterval.closed(Key.of(lo), Key.of(hi)), null)));
    }

    /** Like {@code thermocline restore} locally: a restore that cannot read its data fails, it does not retry. */
    private static StreamExecutionEnvironment failFast() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    private interface Step {
        int run() throws Exception;
    }

    /** Runs one sub-step and says how long it took; a step that fails stops the demo. */
    private static void step(PrintWriter out, String name, Step step) throws Exception {
        long t0 = System.nanoTime();
        int exit = step.run();
        if (exit != ExitCode.OK) {
            throw new IllegalStateException("demo step '" + name + "' exited with " + exit + " (see thermocline-demo/demo.log)");
        }
        out.printf("      %-44s done in %.1f s%n", name, seconds(t0));
        out.flush();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private ThermoclineConfig demoConfig(Path dir) throws Exception {
        Path file = dir.resolve("thermocline.yaml");
        Files.writeString(file, DemoDirectory.MARKER + "; commands run in this directory use it\n"
                + "warehouse: " + dir.resolve("warehouse") + "\n"
                + "tables:\n"
                + "  " + spec.tableName() + ":\n"
                + "    key: " + spec.keyColumn() + "\n"
                + "    key-type: long\n"
                + "    key-domain: [" + spec.keyLow() + ", " + spec.keyHigh() + "]\n"
                + "    initial-partitions: 16\n");
        return ThermoclineConfig.load(ConfigSources.in(dir).withConfigFile(file));
    }
}
