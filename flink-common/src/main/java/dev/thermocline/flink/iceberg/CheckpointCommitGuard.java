package dev.thermocline.flink.iceberg;

import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Refuses to commit a Flink checkpoint's data that the table already holds (Iceberg #14425, which
 * 1.11.0 fixed only in the dynamic sink). Iceberg's Flink committers skip a checkpoint the table's
 * snapshot summaries show as committed ({@code flink.job-id}, {@code flink.operator-id},
 * {@code flink.max-committed-checkpoint-id}), but they look once, before committing. A commit of
 * checkpoint N that reaches the catalog after its client gave up (timeout, lost acknowledgement) can
 * land after a recovered committer looked: the recovered commit then refreshes onto it (directly, or
 * by Iceberg's retry after the stale-base failure) and appends N's files a second time.
 *
 * <p>This guard re-checks at the last moment, inside {@link TableOperations#commit}, against the
 * exact base the new metadata was built on: if that base already has a snapshot of the same job and
 * operator with a checkpoint id at or above the one being committed, the commit fails with a
 * {@link ValidationException} (not retried; the attempt's own manifests are cleaned up, the data
 * files stay with the snapshot that landed). The Flink job fails over, and the restarted committer
 * sees the landed snapshot and skips the checkpoint.
 */
public final class CheckpointCommitGuard {

    static final String FLINK_JOB_ID = "flink.job-id";
    static final String OPERATOR_ID = "flink.operator-id";
    static final String MAX_COMMITTED_CHECKPOINT_ID = "flink.max-committed-checkpoint-id";

    private CheckpointCommitGuard() {}

    /** {@code loader}'s catalog, with every loaded table's commits guarded. */
    public static CatalogLoader guard(CatalogLoader loader) {
        return new GuardedLoader(Objects.requireNonNull(loader, "catalog loader is required."));
    }

    /** {@code catalog}, with every loaded table's commits guarded. */
    public static Catalog guard(Catalog catalog) {
        return new ForwardingCatalog(catalog) {
            @Override
            protected TableOperations wrap(TableOperations ops, String name) {
                return new GuardedOperations(ops, name);
            }
        };
    }

    /** The checkpoint id a job's operator last committed, as {@code base}'s main-branch history shows; -1 if none. */
    static long committedCheckpoint(TableMetadata base, String jobId, String operatorId) {
        Snapshot s = base == null ? null : base.currentSnapshot();
        while (s != null) {
            Map<String, String> summary = s.summary();
            String value = summary.get(MAX_COMMITTED_CHECKPOINT_ID);
            if (value != null && jobId.equals(summary.get(FLINK_JOB_ID))
                    && (operatorId == null || summary.get(OPERATOR_ID) == null || operatorId.equals(summary.get(OPERATOR_ID)))) {
                return Long.parseLong(value);
            }
            s = s.parentId() == null ? null : base.snapshot(s.parentId());
        }
        return -1;
    }

    static final class GuardedOperations extends ForwardingCatalog.ForwardingOperations {

        private final String table;

        GuardedOperations(TableOperations delegate, String table) {
            super(delegate);
            this.table = table;
        }

        @Override
        public void commit(TableMetadata base, TableMetadata metadata) {
            Snapshot added = metadata.currentSnapshot();
            boolean newSnapshot = added != null
                    && (base == null || base.currentSnapshot() == null || base.currentSnapshot().snapshotId() != added.snapshotId());
            if (newSnapshot) {
                Map<String, String> summary = added.summary();
                String job = summary.get(FLINK_JOB_ID);
                String checkpoint = summary.get(MAX_COMMITTED_CHECKPOINT_ID);
                if (job != null && checkpoint != null) {
                    long committed = committedCheckpoint(base, job, summary.get(OPERATOR_ID));
                    if (committed >= Long.parseLong(checkpoint)) {
                        throw new ValidationException("%s already holds checkpoint %s of Flink job %s (operator %s): "
                                + "committed up to %s by a commit that landed after its client gave up; not committing "
                                + "the same data twice (Iceberg #14425)", table, checkpoint, job,
                                summary.get(OPERATOR_ID), committed);
                    }
                }
            }
            delegate.commit(base, metadata);
        }
    }

    private static final class GuardedLoader implements CatalogLoader {
        private static final long serialVersionUID = 1L;
        private final CatalogLoader delegate;

        GuardedLoader(CatalogLoader delegate) {
            this.delegate = delegate;
        }

        @Override
        public Catalog loadCatalog() {
            return guard(delegate.loadCatalog());
        }

        @Override
        @SuppressWarnings({"checkstyle:NoClone", "checkstyle:SuperClone"})
        public CatalogLoader clone() {
            return new GuardedLoader(delegate.clone());
        }

        @Override
        public String toString() {
            return "guarded(" + delegate + ")";
        }
    }
}
