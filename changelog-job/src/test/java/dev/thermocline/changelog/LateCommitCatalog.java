package dev.thermocline.changelog;

import dev.thermocline.flink.iceberg.ForwardingCatalog;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Fault injection around the real catalog, for a Flink job: once armed, the first checkpoint commit to
 * {@code changelog} is held in flight and its committer told "state unknown" (a read timeout); it
 * reaches the catalog, for real, just as the next commit to that table does — after the recovered
 * committer looked whether its checkpoint was committed (Iceberg #14425). State is static: the
 * operators run in this JVM's MiniCluster.
 */
final class LateCommitCatalog implements CatalogLoader {

    private static final long serialVersionUID = 1L;

    static final AtomicBoolean ARMED = new AtomicBoolean();
    static final AtomicBoolean HELD = new AtomicBoolean();
    static final AtomicBoolean LANDED = new AtomicBoolean();
    private static org.apache.iceberg.Snapshot held;

    private final CatalogLoader real;

    LateCommitCatalog(CatalogLoader real) {
        this.real = real;
    }

    @Override
    public Catalog loadCatalog() {
        return new ForwardingCatalog(real.loadCatalog()) {
            @Override
            protected TableOperations wrap(TableOperations ops, String name) {
                if (!name.endsWith(".changelog")) {
                    return ops;
                }
                return new ForwardingOperations(ops) {
                    @Override
                    public void commit(TableMetadata base, TableMetadata metadata) {
                        synchronized (LateCommitCatalog.class) {
                            if (held != null) {
                                // the held snapshot (its manifests were written before the timeout) lands on the
                                // table as it was; the failed committer's client is closed by now, so it comes
                                // through this one's connection
                                TableMetadata current = delegate.refresh();
                                delegate.commit(current, TableMetadata.buildFrom(current)
                                        .setBranchSnapshot(held, org.apache.iceberg.SnapshotRef.MAIN_BRANCH).build());
                                held = null;
                                LANDED.set(true);
                                delegate.refresh(); // the caller's base is stale now: its commit fails and retries
                            } else if (ARMED.get() && !HELD.get() && metadata.currentSnapshot() != null
                                    && metadata.currentSnapshot().summary().containsKey("flink.max-committed-checkpoint-id")) {
                                held = metadata.currentSnapshot();
                                HELD.set(true);
                                throw new CommitStateUnknownException(new SocketTimeoutException("Read timed out"));
                            }
                        }
                        delegate.commit(base, metadata);
                    }
                };
            }
        };
    }

    @Override
    @SuppressWarnings("MethodDoesntCallSuperMethod")
    public CatalogLoader clone() {
        return new LateCommitCatalog(real.clone());
    }
}
