package dev.thermocline.flink.iceberg;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * A catalog that forwards to another and hands out its tables with their {@link TableOperations}
 * wrapped by {@link #wrap}: the one place to put a check around every commit of every writer that
 * loads its tables through it (Iceberg's Flink committers do, through a {@code CatalogLoader}).
 */
public abstract class ForwardingCatalog implements Catalog, Closeable {

    private final Catalog delegate;

    protected ForwardingCatalog(Catalog delegate) {
        this.delegate = Objects.requireNonNull(delegate, "catalog is required.");
    }

    /** The operations the loaded table {@code name} uses instead of {@code ops}. */
    protected abstract TableOperations wrap(TableOperations ops, String name);

    @Override
    public Table loadTable(TableIdentifier identifier) {
        Table table = delegate.loadTable(identifier);
        if (table instanceof BaseTable && table instanceof HasTableOperations h) {
            return new BaseTable(wrap(h.operations(), table.name()), table.name());
        }
        return table;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void initialize(String name, Map<String, String> properties) {
        delegate.initialize(name, properties);
    }

    @Override
    public List<TableIdentifier> listTables(Namespace namespace) {
        return delegate.listTables(namespace);
    }

    @Override
    public boolean tableExists(TableIdentifier identifier) {
        return delegate.tableExists(identifier);
    }

    @Override
    public boolean dropTable(TableIdentifier identifier, boolean purge) {
        return delegate.dropTable(identifier, purge);
    }

    @Override
    public void renameTable(TableIdentifier from, TableIdentifier to) {
        delegate.renameTable(from, to);
    }

    @Override
    public void invalidateTable(TableIdentifier identifier) {
        delegate.invalidateTable(identifier);
    }

    @Override
    public TableBuilder buildTable(TableIdentifier identifier, org.apache.iceberg.Schema schema) {
        return delegate.buildTable(identifier, schema);
    }

    @Override
    public void close() throws IOException {
        if (delegate instanceof Closeable c) {
            c.close();
        }
    }

    /** {@link TableOperations} that forward everything; subclasses override what they check. */
    public static class ForwardingOperations implements TableOperations {

        protected final TableOperations delegate;

        public ForwardingOperations(TableOperations delegate) {
            this.delegate = Objects.requireNonNull(delegate, "table operations are required.");
        }

        @Override
        public org.apache.iceberg.TableMetadata current() {
            return delegate.current();
        }

        @Override
        public org.apache.iceberg.TableMetadata refresh() {
            return delegate.refresh();
        }

        @Override
        public void commit(org.apache.iceberg.TableMetadata base, org.apache.iceberg.TableMetadata metadata) {
            delegate.commit(base, metadata);
        }

        @Override
        public org.apache.iceberg.io.FileIO io() {
            return delegate.io();
        }

        @Override
        public org.apache.iceberg.encryption.EncryptionManager encryption() {
            return delegate.encryption();
        }

        @Override
        public String metadataFileLocation(String fileName) {
            return delegate.metadataFileLocation(fileName);
        }

        @Override
        public org.apache.iceberg.io.LocationProvider locationProvider() {
            return delegate.locationProvider();
        }

        @Override
        public TableOperations temp(org.apache.iceberg.TableMetadata uncommittedMetadata) {
            return delegate.temp(uncommittedMetadata);
        }

        @Override
        public long newSnapshotId() {
            return delegate.newSnapshotId();
        }

        @Override
        public boolean requireStrictCleanup() {
            return delegate.requireStrictCleanup();
        }
    }
}
