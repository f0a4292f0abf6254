package dev.thermocline.flink.iceberg;

import java.net.SocketTimeoutException;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.CommitStateUnknownException;

/**
 * Fault injection around a real catalog: a commit that reaches the catalog only after its client gave
 * up. {@link #holding} catalogs keep the first Flink checkpoint commit in flight and tell the client
 * its state is unknown (a read timeout); {@link #land} delivers it, for real, later;
 * {@link #landingFirst} catalogs deliver it just as their own next commit reaches the catalog.
 */
final class LateCommits {

    private TableOperations heldOps;
    private TableMetadata heldBase;
    private TableMetadata heldMetadata;

    Catalog holding(Catalog real) {
        return new ForwardingCatalog(real) {
            @Override
            protected TableOperations wrap(TableOperations ops, String name) {
                return new ForwardingOperations(ops) {
                    @Override
                    public void commit(TableMetadata base, TableMetadata metadata) {
                        synchronized (LateCommits.this) {
                            if (heldOps == null && metadata.currentSnapshot() != null && metadata.currentSnapshot().summary()
                                    .containsKey(CheckpointCommitGuard.MAX_COMMITTED_CHECKPOINT_ID)) {
                                heldOps = delegate;
                                heldBase = base;
                                heldMetadata = metadata;
                                throw new CommitStateUnknownException(new SocketTimeoutException("Read timed out"));
                            }
                        }
                        delegate.commit(base, metadata);
                    }
                };
            }
        };
    }

    Catalog landingFirst(Catalog real) {
        return new ForwardingCatalog(real) {
            @Override
            protected TableOperations wrap(TableOperations ops, String name) {
                return new ForwardingOperations(ops) {
                    @Override
                    public void commit(TableMetadata base, TableMetadata metadata) {
                        land();
                        delegate.commit(base, metadata);
                    }
                };
            }
        };
    }

    synchronized boolean inFlight() {
        return heldOps != null;
    }

    /** The held commit reaches the catalog (a real commit on the base it was built on); nothing if none is held. */
    synchronized void land() {
        if (heldOps != null) {
            TableOperations ops = heldOps;
            heldOps = null;
            ops.commit(heldBase, heldMetadata);
        }
    }
}
