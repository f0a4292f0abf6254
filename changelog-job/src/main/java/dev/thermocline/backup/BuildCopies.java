package dev.thermocline.backup;

import dev.thermocline.core.backup.CopyBuilder;
import dev.thermocline.core.backup.CopySource;
import dev.thermocline.core.reconstruct.RowState;
import dev.thermocline.flink.backup.CopyFiles;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.InstantiationUtil;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Builds the copy of one {@link CopyJob} per input index, on whichever task gets it: reads each
 * piece's base rows from {@code backups} and its changes from {@code changelog} (filters pushed
 * down), applies them with {@link CopyBuilder} (the reconstruction engine restore shares), and
 * writes the copy's data files without committing them: sorted by key, rolled into files of bounded
 * size ({@link CopyFiles}) so that key-range scans prune by the files' key bounds.
 *
 * <p>A copy is held in memory while it is built: partitions are what keeps that small.
 */
public final class BuildCopies extends RichFlatMapFunction<Long, CopyResult> {

    private static final long serialVersionUID = 1L;

    private final List<CopyJob> jobs;
    private final CatalogLoader catalogLoader;
    private final String[] namespace;

    private transient Catalog catalog;
    private transient Table changelog;
    private transient Table backups;

    public BuildCopies(List<CopyJob> jobs, CatalogLoader catalogLoader, Namespace namespace) {
        this.jobs = List.copyOf(jobs);
        this.catalogLoader = Objects.requireNonNull(catalogLoader, "catalogLoader is required.");
        this.namespace = namespace.levels();
    }

    @Override
    public void open(OpenContext openContext) {
        catalog = catalogLoader.loadCatalog();
        changelog = catalog.loadTable(TableIdentifier.of(Namespace.of(namespace), ThermoclineTables.CHANGELOG));
        backups = catalog.loadTable(TableIdentifier.of(Namespace.of(namespace), ThermoclineTables.BACKUPS));
    }

    @Override
    public void flatMap(Long index, Collector<CopyResult> out) throws Exception {
        CopyJob job = jobs.get(index.intValue());
        ChangelogScan changes = new ChangelogScan(changelog, job.changelogSnapshot());
        List<CopySource> sources = job.task().sources();
        CopyBuilder.BuiltCopy built = CopyBuilder.build(job.task(), job.cutoff(),
                source -> BackupRows.read(backups, job.backupsSnapshot(), job.table(), source.base().partitionKey(),
                        job.keyType(), source.range()),
                source -> changes.read(job.keyType(), ChangelogScan.filter(job.table(),
                        job.sourcePartitionIds().get(sources.indexOf(source)), source.range(), source.after(),
                        job.cutoff())));
        String partitionKey = job.task().partition().partitionKey();
        List<Record> records = new ArrayList<>(built.rows().size());
        for (RowState row : built.rows()) {
            records.add(BackupRows.toRecord(backups.schema(), job.table(), partitionKey, row, job.cutoff(),
                    built.cutoffLsn()));
        }
        List<DataFile> files = new ArrayList<>(CopyFiles.write(backups, records)); // rows are in key order
        out.collect(new CopyResult(index.intValue(), InstantiationUtil.serializeObject(files), records.size(),
                built.cutoffLsn()));
    }

    @Override
    public void close() throws Exception {
        if (catalog instanceof Closeable c) {
            c.close();
        }
    }
}
