package dev.thermocline.restore;

import dev.thermocline.core.restore.RestoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Evaluator;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.InclusiveMetricsEvaluator;
import org.apache.iceberg.expressions.Projections;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The data files of one protected table in one snapshot of {@code changelog} or {@code backups},
 * planned once from the manifests (metadata only), then selected per segment with Iceberg's own
 * evaluators — the partition filter projected onto the partition spec, then the column bounds —
 * i.e. exactly the files a scan with that filter would plan, without re-reading the manifests per
 * segment.
 */
final class TableFiles {

    private final Table table;
    private final String what;
    private final List<DataFile> files = new ArrayList<>();
    private final Set<Integer> projected;

    TableFiles(Table table, long snapshot, Expression tableFilter, String what, String[] projectedColumns) {
        this.table = table;
        this.what = what;
        this.projected = table.schema().select(projectedColumns).columns().stream().map(c -> c.fieldId())
                .collect(Collectors.toSet());
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshot).filter(tableFilter)
                .includeColumnStats().planFiles()) {
            for (FileScanTask task : tasks) {
                if (task.file().format() != FileFormat.PARQUET) {
                    throw new RestoreException(what + " data file " + task.file().location() + " is "
                            + task.file().format() + "; restore reads Parquet files");
                }
                if (!task.deletes().isEmpty()) {
                    throw new RestoreException(what + " data file " + task.file().location() + " has "
                            + task.deletes().size() + " delete file(s); restore reads append-only tables");
                }
                files.add(task.file().copy());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("planning the " + what + " scan failed", e);
        }
    }

    List<DataFile> all() {
        return files;
    }

    /** The files a scan with {@code filter} would read. */
    List<PlannedFile> select(Expression filter) {
        InclusiveMetricsEvaluator metrics = new InclusiveMetricsEvaluator(table.schema(), filter);
        Map<Integer, Evaluator> byPartition = new HashMap<>();
        List<PlannedFile> out = new ArrayList<>();
        for (DataFile f : files) {
            PartitionSpec spec = table.specs().get(f.specId());
            Evaluator partitions = byPartition.computeIfAbsent(f.specId(),
                    id -> new Evaluator(spec.partitionType(), Projections.inclusive(spec).project(filter)));
            if (partitions.eval(f.partition()) && metrics.eval(f)) {
                out.add(new PlannedFile(f.location(), f.recordCount(), f.fileSizeInBytes(), readBytes(f),
                        partitionKey(spec, f)));
            }
        }
        return out;
    }

    /** Share of a file's non-chunk bytes (footer, page indexes) Parquet reads: the footer, not the page indexes; measured. */
    static final double NON_CHUNK_READ_SHARE = 0.85;

    /**
     * What Parquet reads of a file: the chunks of the projected columns plus most of the rest.
     * Metadata splits only chunks from the rest, so {@value #NON_CHUNK_READ_SHARE} of it counts —
     * measured on our files, where it matters only for small ones.
     */
    private long readBytes(DataFile file) {
        if (file.columnSizes() == null || file.columnSizes().isEmpty()) {
            return file.fileSizeInBytes();
        }
        long chunks = 0;
        long projectedChunks = 0;
        for (Map.Entry<Integer, Long> e : file.columnSizes().entrySet()) {
            chunks += e.getValue();
            if (projected.contains(e.getKey())) {
                projectedChunks += e.getValue();
            }
        }
        long rest = Math.max(0, file.fileSizeInBytes() - chunks);
        return projectedChunks + Math.round(rest * NON_CHUNK_READ_SHARE);
    }

    private String partitionKey(PartitionSpec spec, DataFile f) {
        for (int i = 0; i < spec.fields().size(); i++) {
            if ("partition_key".equals(table.schema().findColumnName(spec.fields().get(i).sourceId()))) {
                return f.partition().get(i, String.class);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return files.size() + " " + what + " files";
    }
}
