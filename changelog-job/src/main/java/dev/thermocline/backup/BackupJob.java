package dev.thermocline.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * The parallel part of a backup run, a bounded Flink job: one copy per task slot at a time
 * (indices of the {@link CopyJob}s spread over the tasks), results collected back to the caller,
 * which commits them once. Nothing is committed here, so a failed job leaves only unreferenced
 * files (Iceberg's orphan-file cleanup removes them).
 */
public final class BackupJob {

    private final CatalogLoader catalogLoader;
    private final Namespace namespace;

    public BackupJob(CatalogLoader catalogLoader, Namespace namespace) {
        this.catalogLoader = Objects.requireNonNull(catalogLoader, "catalogLoader is required.");
        this.namespace = Objects.requireNonNull(namespace, "namespace is required.");
    }

    /** Builds every copy; the results in {@code jobs} order. */
    public List<CopyResult> run(StreamExecutionEnvironment env, List<CopyJob> jobs) throws Exception {
        if (jobs.isEmpty()) {
            return List.of();
        }
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        int parallelism = Math.max(1, Math.min(jobs.size(), env.getParallelism()));
        CopyResult[] results = new CopyResult[jobs.size()];
        try (CloseableIterator<CopyResult> it = env.fromSequence(0, jobs.size() - 1).setParallelism(parallelism)
                .name("copy-tasks")
                .rebalance()
                .flatMap(new BuildCopies(jobs, catalogLoader, namespace), TypeInformation.of(CopyResult.class))
                .setParallelism(parallelism)
                .name("build-copies")
                .executeAndCollect("thermocline-backup")) {
            while (it.hasNext()) {
                CopyResult r = it.next();
                results[r.job()] = r;
            }
        }
        List<CopyResult> out = new ArrayList<>(List.of(results));
        if (out.contains(null)) {
            throw new IllegalStateException("the backup job finished without building every copy");
        }
        return out;
    }
}
