package dev.thermocline.benchmarks.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.Partition;
import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.repartition.PlannerSettings;
import dev.thermocline.core.reconstruct.RowState;
import dev.thermocline.core.restore.CostModel;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.restore.RangeSelection;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import dev.thermocline.flink.partitionmap.VersionedHistory;
import dev.thermocline.restore.ExplainReport;
import dev.thermocline.restore.JsonLinesOutput;
import dev.thermocline.restore.PlanResolver;
import dev.thermocline.restore.ResolvedPlan;
import dev.thermocline.restore.RestoreProgress;
import dev.thermocline.restore.RestoreResult;
import dev.thermocline.restore.RestoreRunner;
import dev.thermocline.restore.Sizes;
import dev.thermocline.workload.GeneratedEvent;
import dev.thermocline.workload.WorkloadGenerator;
import dev.thermocline.workload.WorkloadSpec;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.catalog.Catalog;

/**
 * The restore benchmark of issue #6 (BENCHMARKS.md): a generated {@code orders} table (the
 * workload's Zipf changes around a hotspot that moves from key 200 000 to 700 000 halfway), written
 * twice — under the adaptive layout core's repartition engine makes from the heat (default settings,
 * one planning round per 1% of the run; {@link EngineLayout}) and under static 16 equal ranges — each with backup runs every 1% of the run copying the partitions
 * that are due (change volume or age, as the backup job decides). Then, as of the end:
 * a 1% hot range (10 000 keys at the final hotspot) versus a full-table restore filtered afterwards;
 * read amplification against the static layout; base-read and change-replay throughput; explain's
 * predictions versus what happened.
 *
 * <pre>MAVEN_OPTS="-Xmx6g $FLINK_OPENS" mvn -B -o -q -pl benchmarks -am verify -Pbench -DskipTests \
 *     -Dbench.main=restore.RestoreBenchmark -Dbench.args="1000000 5000000 target/restore-bench 1"</pre>
 */
public final class RestoreBenchmark {

    private static final String TABLE = "orders";
    private static final long DOMAIN = 1_000_000;
    private static final int PARALLELISM = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RestoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long changes = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000;
        Path dir = Path.of(args.length > 2 ? args[2] : "target/restore-bench").toAbsolutePath();
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        WorkloadSpec spec = WorkloadSpec.orders(seed).withInitialRows(rows).withEvents(changes / 5, changes);
        TableSpec table = new TableSpec(TABLE, "id", KeyType.LONG, new InitialPartitioning.EqualRanges(16, Key.of(0), Key.of(DOMAIN)));
        Path marker = dir.resolve("generated.properties");
        Properties wanted = new Properties();
        wanted.setProperty("rows", Long.toString(rows));
        wanted.setProperty("changes", Long.toString(changes));
        wanted.setProperty("seed", Long.toString(seed));
        wanted.setProperty("copy-file-rows", System.getProperty("thermocline.bench.copy-file-rows", "default"));
        Properties found = readProperties(marker);
        boolean reuse = !Boolean.getBoolean("thermocline.bench.regenerate") && found != null
                && wanted.entrySet().stream().allMatch(e -> e.getValue().equals(found.getProperty((String) e.getKey())));

        long t0 = System.nanoTime();
        Warehouse adaptive;
        Warehouse fixed;
        Instant end;
        if (reuse) {
            // generating 1 M rows / 5 M changes takes most of the run: measure again on the same warehouses
            end = Instant.parse(found.getProperty("end"));
            adaptive = new Warehouse(dir.resolve("adaptive"), table, PartitionMapHistory.empty(TABLE), changes);
            fixed = new Warehouse(dir.resolve("static16"), table, PartitionMapHistory.empty(TABLE), changes);
            cleanOutputs(dir);
            log(t0, "reusing the warehouses generated in " + dir + " (as-of " + end + "); -Dthermocline.bench.regenerate=true "
                    + "writes them again");
        } else {
            deleteRecursively(dir);
            Files.createDirectories(dir);
            PartitionMap r0 = PartitionMap.initial(table, Instant.EPOCH);
            // the repartition engine with the product's default settings, one planning round per 1% of the run
            List<PartitionMap> revisions = EngineLayout.revisions(spec, r0, 100, PlannerSettings.defaults());
            PartitionMapHistory adaptiveMaps = PartitionMapHistory.empty(TABLE);
            for (PartitionMap m : revisions) {
                adaptiveMaps = adaptiveMaps.add(m);
            }
            PartitionMapHistory staticMaps = PartitionMapHistory.empty(TABLE).add(r0);
            adaptive = new Warehouse(dir.resolve("adaptive"), table, adaptiveMaps, changes);
            fixed = new Warehouse(dir.resolve("static16"), table, staticMaps, changes);
            VersionedHistory stored = adaptive.store.loadVersioned(TABLE);
            for (PartitionMap m : revisions.subList(1, revisions.size())) {
                stored = adaptive.store.commit(stored, m, Map.of());
            }
            log(t0, "repartition engine: " + (revisions.size() - 1) + " revisions, " + revisions.get(revisions.size() - 1).size()
                    + " partitions at the end");
            end = write(spec, List.of(adaptive, fixed));
            log(t0, "wrote " + rows + " rows + " + changes + " changes twice; backup runs every 1% of the run (adaptive copied "
                    + adaptive.copiesWritten + " partitions, static " + fixed.copiesWritten + "); as-of " + end);
            Properties done = new Properties();
            done.putAll(wanted);
            done.setProperty("end", end.toString());
            try (var out = Files.newBufferedWriter(marker)) {
                done.store(out, "RestoreBenchmark: these warehouses are complete; a rerun with the same arguments reuses them");
            }
        }
        List<PartitionMap> revisions = adaptive.store.load(TABLE).revisions();
        PartitionMap last = revisions.get(revisions.size() - 1);
        log(t0, "adaptive layout: " + (revisions.size() - 1) + " revisions, " + last.size() + " partitions at the end; "
                + "around the final hotspot: " + around(last, 700_000));

        // where the restores write their JSON lines (default: beside the warehouses); a tmpfs keeps
        // the previous run's 100 MB of output from being written back while the next one reads
        Path out = Path.of(System.getProperty("thermocline.bench.output-dir", dir.toString())).toAbsolutePath();
        Files.createDirectories(out);
        KeyInterval hot = KeyInterval.closed(Key.of(695_000), Key.of(704_999));
        RestoreRequest hotRequest = new RestoreRequest(TABLE, end, List.of(new RangeSelection.Interval(hot, null)));
        RestoreRequest fullRequest = ExplainReport.fullTableRequest(hotRequest);

        // warm-up on the static copy: class loading, JIT, and the cost model calibrated as the command line does
        CostModel model = CostModel.DEFAULT;
        Measured fullStatic = null;
        for (RestoreRequest warm : List.of(hotRequest, fullRequest)) {
            Measured m = run(fixed, warm, out.resolve("warmup-" + (warm == fullRequest ? "full" : "hot") + ".jsonl"), model);
            model = model.calibrated(m.result().baseRate(), m.result().changeRate(), m.startupSeconds(PARALLELISM));
            fullStatic = m;
        }
        ExplainReport explained = new ExplainReport(adaptive.resolve(hotRequest), adaptive.resolve(fullRequest), model, PARALLELISM);
        // each measured restore three times, the run of median wall time kept: one run's CPU rates varied 2-3x
        Measured hotAdaptive = median(adaptive, hotRequest, out.resolve("hot-adaptive.jsonl"), model);
        Measured full = median(adaptive, fullRequest, out.resolve("full-adaptive.jsonl"), model);
        long filterStart = System.nanoTime();
        long filtered = countInRange(out.resolve("full-adaptive.jsonl"), hot);
        Duration filterTime = Duration.ofNanos(System.nanoTime() - filterStart);
        Measured hotStatic = median(fixed, hotRequest, out.resolve("hot-static.jsonl"), model);
        // a point restore: ten keys across the domain, cold and hot; what a few rows cost to bring back
        List<Key> points = new ArrayList<>();
        for (long k = 50_000; k < DOMAIN; k += 100_000) {
            points.add(Key.of(k));
        }
        RestoreRequest pointRequest = new RestoreRequest(TABLE, end, List.of(new RangeSelection.KeyList(points, null)));
        Measured point = median(adaptive, pointRequest, out.resolve("points-adaptive.jsonl"), model);

        String report = report(spec, revisions.size() - 1, last, model, explained, hotAdaptive, full, filtered, filterTime, hotStatic,
                fullStatic) + points(point);
        Files.writeString(dir.resolve("result.md"), report);
        System.out.println(report);
        log(t0, "done");
    }

    /** The partitions of {@code map} within 20 000 keys of {@code key}, as ranges. */
    private static String around(PartitionMap map, long key) {
        StringBuilder sb = new StringBuilder();
        for (Partition p : map.partitions()) {
            long lo = p.range().start() == null ? Long.MIN_VALUE : ((LongKey) p.range().start()).value();
            long hi = p.range().end() == null ? Long.MAX_VALUE : ((LongKey) p.range().end()).value();
            if (hi > key - 20_000 && lo < key + 20_000) {
                sb.append(p.partitionKey()).append("=[").append(lo == Long.MIN_VALUE ? "" : lo).append(",")
                        .append(hi == Long.MAX_VALUE ? "" : hi).append(") ");
            }
        }
        return sb.toString().trim();
    }

    /**
     * Streams the true change history into every warehouse, tagged by its own maps; a backup run
     * every 1% of the run copies the partitions its due policy names (see {@link BackupCadence}).
     */
    private static Instant write(WorkloadSpec spec, List<Warehouse> warehouses) {
        TreeMap<Long, RowState> live = new TreeMap<>();
        List<ChangeRecord> batch = new ArrayList<>();
        List<Instant> cutoffs = new ArrayList<>();
        for (int pct = 1; pct < 100; pct++) {
            cutoffs.add(at(spec.start(), spec.duration(), pct / 100.0));
        }
        int[] next = {0};
        Instant[] last = {spec.start()};
        WorkloadGenerator events = new WorkloadGenerator(spec, c -> {
            while (next[0] < cutoffs.size() && c.timestamp().isAfter(cutoffs.get(next[0]))) {
                flush(batch, warehouses);
                Instant cutoff = cutoffs.get(next[0]++);
                warehouses.forEach(w -> w.backupRun(cutoff, live));
            }
            long key = ((LongKey) c.key()).value();
            if (c.op().upserts()) {
                live.put(key, RowState.of(c));
            } else {
                live.remove(key);
            }
            warehouses.forEach(w -> w.cadence.count(key));
            batch.add(c);
            last[0] = c.timestamp();
            if (batch.size() >= 500_000) {
                flush(batch, warehouses);
            }
        });
        events.forEachRemaining(e -> { });
        flush(batch, warehouses);
        return last[0];
    }

    private static void flush(List<ChangeRecord> batch, List<Warehouse> warehouses) {
        if (batch.isEmpty()) {
            return;
        }
        for (Warehouse w : warehouses) {
            w.tables.appendChanges(batch, tags(batch, w.maps));
        }
        batch.clear();
    }

    /** As the changelog job tags: the partition under the map in force at the change's time. */
    private static List<String> tags(List<ChangeRecord> batch, PartitionMapHistory maps) {
        List<String> tags = new ArrayList<>(batch.size());
        for (ChangeRecord c : batch) {
            tags.add(maps.mapAt(c.timestamp()).orElseThrow().partitionFor(c.key()).partitionKey());
        }
        return tags;
    }

    private record Measured(ResolvedPlan plan, RestoreResult result, Duration planning, long rowBytes, Duration predicted) {
        /** What a person waits for: planning plus the run. */
        double seconds() {
            return (planning.toNanos() + result.actual().toNanos()) / 1e9;
        }

        double amplification() {
            return rowBytes == 0 ? 0 : (double) result.bytesRead() / rowBytes;
        }

        /**
         * Bytes read over what the restored rows occupy in the stored copy: the full table's base
         * bytes weighted by the rows' share of the restored JSON (both sides compressed Parquet).
         */
        double storedAmplification(Measured fullTable) {
            double share = (double) rowBytes / fullTable.rowBytes;
            return (double) result.bytesRead() / (fullTable.result().baseBytesRead() * share);
        }

        /** Wall time not spent in units, as the command line measures it for calibration. */
        double startupSeconds(int parallelism) {
            int slots = Math.max(1, Math.min(parallelism, result.units().size()));
            long unitNanos = result.units().stream().mapToLong(u -> u.elapsedNanos).sum();
            long longest = result.units().stream().mapToLong(u -> u.elapsedNanos).max().orElse(0);
            return Math.max(0, seconds() - Math.max(longest, unitNanos / (double) slots) / 1e9);
        }
    }

    private static final int REPEATS = 3;

    private static Measured median(Warehouse w, RestoreRequest request, Path output, CostModel model) throws Exception {
        String name = output.getFileName().toString().replace(".jsonl", "");
        List<Measured> runs = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            runs.add(run(w, request, output, model));
        }
        runs.sort(Comparator.comparingDouble(Measured::seconds));
        Measured kept = runs.get(REPEATS / 2);
        System.out.printf(Locale.ROOT, "[restore benchmark] %s: wall %s s, base read %s MiB/s per CPU second; kept the median%n",
                name,
                runs.stream().map(m -> String.format(Locale.ROOT, "%.2f", m.seconds())).toList(),
                runs.stream().map(m -> String.format(Locale.ROOT, "%.1f", m.result().baseCpuRate() / (1 << 20))).toList());
        return kept;
    }

    private static Measured run(Warehouse w, RestoreRequest request, Path output, CostModel model) throws Exception {
        long start = System.nanoTime();
        ResolvedPlan plan = w.resolve(request);
        Duration planning = Duration.ofNanos(System.nanoTime() - start);
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        RestoreResult result = new RestoreRunner(model).run(plan, new JsonLinesOutput(output, KeyType.LONG), env,
                RestoreProgress.NONE);
        return new Measured(plan, result, planning, rowBytes(output), model.predict(plan.estimates(), PARALLELISM));
    }

    /** Bytes of the restored rows themselves: the after-images' JSON. */
    private static long rowBytes(Path jsonl) throws Exception {
        long bytes = 0;
        try (BufferedReader r = Files.newBufferedReader(jsonl)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonNode row = JSON.readTree(line).get("row");
                bytes += row.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
        }
        return bytes;
    }

    private static long countInRange(Path jsonl, KeyInterval range) throws Exception {
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(jsonl)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (range.contains(Key.of(JSON.readTree(line).get("key").asLong()))) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String report(WorkloadSpec spec, int revisionCount, PartitionMap layout, CostModel model, ExplainReport explained,
                                 Measured hot, Measured full, long filtered, Duration filterTime, Measured hotStatic,
                                 Measured fullStatic) {
        StringBuilder sb = new StringBuilder();
        double fullSeconds = full.seconds() + filterTime.toNanos() / 1e9;
        sb.append(String.format(Locale.ROOT, "Workload: %,d rows, %,d changes (seed %d); adaptive layout: %d engine revisions, "
                        + "%d partitions at the end (around the hot range: %s); hot range 695000..704999 (%,d rows; "
                        + "full-table restore filtered: %,d rows)%n%n",
                spec.initialRows(), spec.changeEvents(), spec.seed(), revisionCount, layout.size(), around(layout, 700_000),
                hot.result().rows(), filtered));
        sb.append("| measure | 1% hot range | full table (+ filter) | ratio | goal |\n|---|---|---|---|---|\n");
        sb.append(String.format(Locale.ROOT, "| bytes read | %s | %s | %.2f%% | <= 2%% |%n", Sizes.bytes(hot.result().bytesRead()),
                Sizes.bytes(full.result().bytesRead()), 100.0 * hot.result().bytesRead() / full.result().bytesRead()));
        sb.append(String.format(Locale.ROOT, "| wall time | %.2f s | %.2f s | %.1f%% | <= 5%% |%n", hot.seconds(), fullSeconds,
                100.0 * hot.seconds() / fullSeconds));
        sb.append(String.format(Locale.ROOT, "%n| read amplification (bytes read / restored row bytes) | adaptive | static 16 | "
                        + "static / adaptive | goal |%n|---|---|---|---|---|%n| hot range | %.2f (%s / %s) | %.2f (%s / %s) | %.1fx | "
                        + "adaptive <= 1.5, >= 5x lower |%n",
                hot.amplification(), Sizes.bytes(hot.result().bytesRead()), Sizes.bytes(hot.rowBytes()),
                hotStatic.amplification(), Sizes.bytes(hotStatic.result().bytesRead()), Sizes.bytes(hotStatic.rowBytes()),
                hotStatic.amplification() / hot.amplification()));
        double stored = hot.storedAmplification(full);
        double storedStatic = hotStatic.storedAmplification(fullStatic);
        sb.append(String.format(Locale.ROOT, "| hot range, vs the rows' share of the stored copy (compressed) | %.2f | %.2f | %.1fx | |%n",
                stored, storedStatic, storedStatic / stored));
        sb.append("\n| what was read | backups (base) | changelog | changes replayed |\n|---|---|---|---|\n");
        for (var named : List.of(Map.entry("hot range, adaptive", hot), Map.entry("hot range, static 16", hotStatic),
                Map.entry("full table, adaptive", full))) {
            RestoreResult r = named.getValue().result();
            sb.append(String.format(Locale.ROOT, "| %s | %s in %,d files | %s in %,d files | %,d |%n", named.getKey(),
                    Sizes.bytes(r.baseBytesRead()), r.units().stream().mapToLong(u -> u.baseFiles).sum(),
                    Sizes.bytes(r.changeBytesRead()), r.units().stream().mapToLong(u -> u.changeFiles).sum(), r.changesReplayed()));
        }
        sb.append(String.format(Locale.ROOT, "%nThe hot range holds %.2f%% of the restored rows' bytes (%,d of %,d rows): "
                        + "a lower bound for the bytes-read ratio.%n",
                100.0 * hot.rowBytes() / full.rowBytes(), hot.result().rows(), full.result().rows()));
        RestoreResult f = full.result();
        sb.append(String.format(Locale.ROOT, "%n| throughput (full-table restore, %d slots) | MiB/s per CPU second | MiB/s per slot (wall) "
                        + "| goal |%n|---|---|---|---|%n| base read (%s, %,d files) | %.1f | %.1f | >= 75 per core |%n"
                        + "| change replay (%s, %,d changes) | %.1f | %.1f | >= 10 per core |%n",
                PARALLELISM, Sizes.bytes(f.baseBytesRead()), f.units().stream().mapToLong(u -> u.baseFiles).sum(),
                f.baseCpuRate() / (1 << 20), f.baseRate() / (1 << 20), Sizes.bytes(f.changeBytesRead()), f.changesReplayed(),
                f.changeCpuRate() / (1 << 20), f.changeRate() / (1 << 20)));
        long baseCpu = f.units().stream().mapToLong(u -> u.baseCpuNanos).sum();
        long allCpu = baseCpu + f.units().stream().mapToLong(u -> u.replayCpuNanos).sum();
        sb.append(String.format(Locale.ROOT, "| restored rows (after-images' JSON, %s), per CPU second of base read + replay | %.1f | | |%n",
                Sizes.bytes(full.rowBytes()), full.rowBytes() / (allCpu / 1e9) / (1 << 20)));
        sb.append(String.format(Locale.ROOT, "%nplanning (metadata only): hot %.2f s, full %.2f s; cost model after warm-up: "
                        + "base %.1f MiB/s, replay %.1f MiB/s per slot, start-up %.1f s%n",
                hot.planning().toNanos() / 1e9, full.planning().toNanos() / 1e9, model.baseBytesPerSecond() / (1 << 20),
                model.changeBytesPerSecond() / (1 << 20), model.startupSeconds()));
        long predictedHot = explained.plan().totalBase().bytes() + explained.plan().totalChanges().bytes();
        long predictedFull = explained.fullTable().totalBase().bytes() + explained.fullTable().totalChanges().bytes();
        sb.append(String.format(Locale.ROOT, "%n| explain (default model) | predicted bytes | actual | error | predicted time | actual "
                        + "| ratio | goal |%n|---|---|---|---|---|---|---|---|%n"
                        + "| hot range | %s | %s | %+.1f%% | %s | %.2f s | %.2fx | bytes ±10%%, time within 2x |%n"
                        + "| full table | %s | %s | %+.1f%% | %s | %.2f s | %.2fx | |%n",
                Sizes.bytes(predictedHot), Sizes.bytes(hot.result().bytesRead()),
                100.0 * (predictedHot - hot.result().bytesRead()) / hot.result().bytesRead(),
                Sizes.duration(explained.predicted()), hot.seconds(), explained.predicted().toNanos() / 1e9 / hot.seconds(),
                Sizes.bytes(predictedFull), Sizes.bytes(full.result().bytesRead()),
                100.0 * (predictedFull - full.result().bytesRead()) / full.result().bytesRead(),
                Sizes.duration(explained.fullTablePredicted()), full.seconds(),
                explained.fullTablePredicted().toNanos() / 1e9 / full.seconds()));
        return sb.toString();
    }

    private static String points(Measured point) {
        RestoreResult r = point.result();
        return String.format(Locale.ROOT, "%nPoint restore (10 keys: 50000, 150000, ... 950000), adaptive: %,d rows (%s of JSON) "
                        + "from %s of backups in %,d files and %s of change log in %,d files; %.2f s%n",
                r.rows(), Sizes.bytes(point.rowBytes()), Sizes.bytes(r.baseBytesRead()),
                r.units().stream().mapToLong(u -> u.baseFiles).sum(), Sizes.bytes(r.changeBytesRead()),
                r.units().stream().mapToLong(u -> u.changeFiles).sum(), point.seconds());
    }

    private static Instant at(Instant start, Duration run, double fraction) {
        return start.plusMillis((long) (run.toMillis() * fraction));
    }

    private static void log(long t0, String what) {
        System.out.printf(Locale.ROOT, "[restore benchmark +%.0f s] %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    private static Properties readProperties(Path file) throws Exception {
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return p;
    }

    /** The restores' outputs of an earlier run over the same warehouses. */
    private static void cleanOutputs(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** One warehouse: its catalog, tables, partition maps and backup cadence. */
    private static final class Warehouse {
        final Catalog catalog;
        final BenchTables tables;
        final PartitionMapStore store;
        final TableSpec spec;
        final PartitionMapHistory maps;
        final BackupCadence cadence;
        List<BackupCopy> present = new ArrayList<>();
        long copiesWritten;

        Warehouse(Path dir, TableSpec spec, PartitionMapHistory maps, long changes) {
            this.catalog = IcebergCatalogs.load(CatalogSettings.embeddedDefault(dir));
            this.tables = new BenchTables(catalog, ThermoclineTables.DEFAULT_NAMESPACE);
            this.store = new PartitionMapStore(catalog, ThermoclineTables.DEFAULT_NAMESPACE, Map.of(TABLE, spec));
            this.spec = spec;
            this.maps = maps;
            // due after 0.1% of all changes in the partition, or 20% of the run since its copy
            this.cadence = new BackupCadence(DOMAIN, Math.max(1, changes / 1000), Duration.ofMinutes(12));
        }

        void backupRun(Instant cutoff, NavigableMap<Long, RowState> live) {
            PartitionMap layout = maps.mapAt(cutoff).orElseThrow();
            List<Partition> due = cadence.due(layout, present, cutoff);
            if (due.isEmpty()) {
                return;
            }
            present = tables.backup(TABLE, layout, cutoff, live, due, present);
            cadence.copied(due, present);
            copiesWritten += due.size();
        }

        ResolvedPlan resolve(RestoreRequest request) {
            return new PlanResolver(catalog, ThermoclineTables.DEFAULT_NAMESPACE).resolve(request, spec.keyType(),
                    store.load(TABLE));
        }
    }
}
