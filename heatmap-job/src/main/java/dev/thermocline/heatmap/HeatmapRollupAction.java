package dev.thermocline.heatmap;

import dev.thermocline.core.heat.HeatmapCell;
import dev.thermocline.core.heat.HeatmapRollup;
import dev.thermocline.core.heat.RetentionPolicy;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.flink.iceberg.GenericRowsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;

/**
 * The heatmap's retention, as a bounded maintenance action: reads the data files that hold cells
 * old enough to roll up or expire, plans with {@link HeatmapRollup} (pure, in core), and replaces
 * those files by files holding the result in one Iceberg {@code RewriteFiles} commit, so readers see
 * either the fine cells or the coarse ones, never both or neither. Appends the streaming job commits
 * meanwhile do not conflict with it. Running it again right after changes nothing.
 */
public final class HeatmapRollupAction {

    /** Snapshot summary key: when the roll-up that wrote the snapshot ran. */
    public static final String SUMMARY_ROLLUP_AT = "thermocline.rollup-at";

    /**
     * @param cellsRemoved fine and expired cells taken out
     * @param cellsAdded coarse cells put in
     * @param filesRewritten data files replaced
     * @param snapshotId the roll-up's snapshot; null when there was nothing to do
     */
    public record Result(int cellsRemoved, int cellsAdded, int filesRewritten, Long snapshotId) {
        static final Result NOTHING = new Result(0, 0, 0, null);
    }

    private final Table table;
    private final RetentionPolicy policy;
    private final HeatmapRollup rollup;
    private final Clock clock;

    public HeatmapRollupAction(Table heatmap, RetentionPolicy policy, Map<String, KeyType> keyTypes, Clock clock) {
        this.table = Objects.requireNonNull(heatmap, "heatmap table is required.");
        this.policy = Objects.requireNonNull(policy, "retention policy is required.");
        this.rollup = new HeatmapRollup(policy, keyTypes);
        this.clock = Objects.requireNonNull(clock, "clock is required.");
    }

    public Result run() {
        table.refresh();
        Snapshot base = table.currentSnapshot();
        if (base == null) {
            return Result.NOTHING;
        }
        Instant now = clock.instant();
        // Nothing younger than the finest tier's keepFor can roll up or expire.
        Instant threshold = now.minus(policy.tiers().get(0).keepFor());
        Expression old = Expressions.lessThan("window_start", threshold.toEpochMilli() * 1000);
        Set<DataFile> files = filesHolding(base, old);
        if (files.isEmpty()) {
            return Result.NOTHING;
        }
        List<HeatmapCell> cells = new ArrayList<>();
        files.forEach(file -> read(file, cells));
        HeatmapRollup.RollupPlan plan = rollup.plan(cells, now);
        if (plan.isEmpty()) {
            return Result.NOTHING;
        }
        Set<HeatmapCell> removed = Collections.newSetFromMap(new IdentityHashMap<>());
        removed.addAll(plan.removed());
        List<Record> rows = new ArrayList<>();
        cells.stream().filter(c -> !removed.contains(c)).forEach(c -> rows.add(HeatmapRows.toRecord(table.schema(), c)));
        plan.added().forEach(c -> rows.add(HeatmapRows.toRecord(table.schema(), c)));
        Set<DataFile> replacements = new LinkedHashSet<>(GenericRowsWriter.write(table, rows));
        table.newRewrite()
                .validateFromSnapshot(base.snapshotId())
                .rewriteFiles(files, replacements)
                .set(SUMMARY_ROLLUP_AT, now.toString())
                .commit();
        table.refresh();
        return new Result(plan.removed().size(), plan.added().size(), files.size(), table.currentSnapshot().snapshotId());
    }

    private Set<DataFile> filesHolding(Snapshot base, Expression filter) {
        Set<DataFile> files = new LinkedHashSet<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(base.snapshotId()).filter(filter).planFiles()) {
            for (FileScanTask task : tasks) {
                if (!task.deletes().isEmpty()) {
                    throw new IllegalStateException("heatmap file " + task.file().location()
                            + " has delete files; the roll-up only rewrites append-only data");
                }
                files.add(task.file());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("planning the roll-up of " + table.name() + " failed", e);
        }
        return files;
    }

    /** Every row of {@code file}: files are replaced whole, so rows not rolled up are carried over. */
    private void read(DataFile file, List<HeatmapCell> into) {
        if (file.format() != FileFormat.PARQUET) {
            throw new IllegalStateException("heatmap file " + file.location() + " is " + file.format()
                    + "; the roll-up reads Parquet (the table's default format)");
        }
        try (CloseableIterable<Record> rows = Parquet.read(table.io().newInputFile(file.location()))
                .project(table.schema())
                .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(table.schema(), fileSchema))
                .build()) {
            for (Record r : rows) {
                into.add(HeatmapRows.fromRecord(r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading heatmap file " + file.location() + " failed", e);
        }
    }
}
