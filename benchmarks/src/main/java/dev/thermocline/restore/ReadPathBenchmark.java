package dev.thermocline.restore;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.reconstruct.RowState;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.restore.RangeSelection;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.core.restore.RestoreUnit;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import dev.thermocline.core.table.InitialPartitioning;
import dev.thermocline.core.table.TableSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;

/**
 * Restore's per-unit work without Flink around it, on one thread, over the full-table plan of a
 * warehouse {@code RestoreBenchmark} generated: so the read path can be profiled and its rate
 * compared stage by stage, against Iceberg's generic-record reader (what restore used before) run
 * in the same process as the baseline. Rates are Parquet bytes (compressed, as restore counts them)
 * per CPU second of this thread, best of the measured rounds.
 *
 * <pre>java … dev.thermocline.restore.ReadPathBenchmark DIR/adaptive [ROUNDS]</pre>
 */
public final class ReadPathBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ReadPathBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path warehouse = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Properties generated = new Properties();
        try (Reader r = Files.newBufferedReader(warehouse.getParent().resolve("generated.properties"))) {
            generated.load(r);
        }
        Instant asOf = Instant.parse(generated.getProperty("end"));
        Catalog catalog = IcebergCatalogs.load(CatalogSettings.embeddedDefault(warehouse));
        TableSpec spec = new TableSpec("orders", "id", KeyType.LONG,
                new InitialPartitioning.EqualRanges(16, Key.of(0), Key.of(1_000_000)));
        PartitionMapStore store = new PartitionMapStore(catalog, ThermoclineTables.DEFAULT_NAMESPACE, Map.of("orders", spec));
        RestoreRequest full = ExplainReport.fullTableRequest(new RestoreRequest("orders", asOf,
                List.of(new RangeSelection.Interval(KeyInterval.closed(Key.of(0), Key.of(0)), null))));
        ResolvedPlan plan = new PlanResolver(catalog, ThermoclineTables.DEFAULT_NAMESPACE).resolve(full, KeyType.LONG,
                store.load("orders"));

        List<PlannedFile> baseFiles = new ArrayList<>();
        for (int u = 0; u < plan.unitCount(); u++) {
            for (int s = 0; s < plan.unit(u).segments().size(); s++) {
                baseFiles.addAll(plan.files(u, s).base());
            }
        }
        long baseBytes = baseFiles.stream().mapToLong(PlannedFile::bytes).sum();
        long changeBytes = plan.totalChanges().bytes();
        System.out.printf(Locale.ROOT, "full-table plan of %s as of %s: %d units, %d base files (%s), changes %s%n", warehouse,
                asOf, plan.unitCount(), baseFiles.size(), Sizes.bytes(baseBytes), Sizes.bytes(changeBytes));

        Schema projection = plan.backupsSchema().select(SegmentRestorer.backupColumns(KeyType.LONG));
        List<Stage> stages = List.of(
                new Stage("generic reader, base files (baseline)", baseBytes, () -> genericRead(plan, baseFiles, projection)),
                new Stage("Flink RowData reader, base files", baseBytes, () -> rowDataRead(plan, baseFiles, projection)),
                new Stage("restore units: base + changes + replay", baseBytes + changeBytes, () -> restore(plan, false)),
                new Stage("restore units + JSON lines", baseBytes + changeBytes, () -> restore(plan, true)));
        double[] best = new double[stages.size()];
        for (int round = -2; round < rounds; round++) { // two warm-up rounds
            for (int i = 0; i < stages.size(); i++) {
                Stage stage = stages.get(i);
                long cpu = THREADS.getCurrentThreadCpuTime();
                long rows = stage.work.run();
                double seconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
                double rate = stage.bytes / seconds / (1 << 20);
                if (round >= 0) {
                    best[i] = Math.max(best[i], rate);
                    System.out.printf(Locale.ROOT, "round %d  %-42s %,10d rows  %6.2f CPU-s  %7.1f MiB/s%n", round, stage.name,
                            rows, seconds, rate);
                }
            }
        }
        System.out.println();
        System.out.println("| stage (one thread) | MiB/s per CPU second, best of " + rounds + " | vs baseline |");
        System.out.println("|---|---|---|");
        for (int i = 0; i < stages.size(); i++) {
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.2fx |%n", stages.get(i).name, best[i], best[i] / best[0]);
        }
    }

    private interface Work {
        long run() throws Exception;
    }

    private record Stage(String name, long bytes, Work work) {}

    private static long genericRead(ResolvedPlan plan, List<PlannedFile> files, Schema projection) throws IOException {
        long rows = 0;
        long sink = 0;
        for (PlannedFile f : files) {
            try (CloseableIterable<Record> records = Parquet.read(plan.backupsIo().newInputFile(f.location()))
                    .project(projection)
                    .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(projection, fileSchema))
                    .reuseContainers()
                    .build()) {
                for (Record r : records) {
                    for (int i = 0; i < projection.columns().size(); i++) {
                        sink += r.get(i) == null ? 0 : 1; // the reader has built each value already
                    }
                    rows++;
                }
            }
        }
        return rows + (sink == 42 ? 1 : 0);
    }

    private static long rowDataRead(ResolvedPlan plan, List<PlannedFile> files, Schema projection) {
        long rows = 0;
        long[] sink = {0};
        for (PlannedFile f : files) {
            // the values as restore takes them: long key, row text, position, time
            rows += DataFileRows.read(plan.backupsIo(), f, projection, "backups", new AtomicLong(), r -> sink[0] += r.getLong(0)
                    + r.getString(1).toString().length() + r.getLong(2) + r.getLong(3) + r.getTimestamp(4, 6).toInstant().getNano());
        }
        return rows + (sink[0] == 42 ? 1 : 0);
    }

    private static long restore(ResolvedPlan plan, boolean write) throws IOException {
        SegmentRestorer restorer = new SegmentRestorer(plan);
        RestoredRowJson.Lines lines = new RestoredRowJson.Lines(OutputStream.nullOutputStream());
        long rows = 0;
        for (int u = 0; u < plan.unitCount(); u++) {
            RestoreUnit unit = plan.unit(u);
            for (int s = 0; s < unit.segments().size(); s++) {
                List<RowState> restored = restorer.restore(unit.asOf(), unit.segments().get(s), plan.files(u, s), new UnitStats(),
                        () -> { });
                if (write) {
                    for (RowState row : restored) {
                        lines.write(row);
                    }
                }
                rows += restored.size();
            }
        }
        return rows;
    }
}
