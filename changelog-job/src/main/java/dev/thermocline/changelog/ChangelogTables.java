package dev.thermocline.changelog;

import dev.thermocline.flink.iceberg.CheckpointCommitGuard;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.util.Objects;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;

/**
 * The Iceberg tables the changelog job writes: {@code changelog} and {@code changelog_progress}.
 *
 * @param changelog the changes
 * @param progress how far the changes are complete ({@link ChangelogProgress})
 */
public record ChangelogTables(TableLoader changelog, TableLoader progress) {

    public ChangelogTables {
        Objects.requireNonNull(changelog, "changelog is required.");
        Objects.requireNonNull(progress, "progress is required.");
    }

    /**
     * Both tables in {@code namespace}, created when missing with the rest of Thermocline's tables
     * (the sinks need them to exist; dead letters of a file source go to {@code dead_letters}). The
     * sinks load them through {@link CheckpointCommitGuard}: a checkpoint's changes are never
     * committed twice, even when a commit lands after its client gave up (Iceberg #14425).
     */
    public static ChangelogTables ensure(CatalogLoader loader, Namespace namespace) {
        Catalog catalog = loader.loadCatalog();
        try {
            ThermoclineTables.createAll(catalog, namespace);
            ThermoclineTables.ensure(catalog, progressId(namespace), ChangelogProgress.table());
        } finally {
            if (catalog instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a pool we only used for two lookups
                }
            }
        }
        CatalogLoader guarded = CheckpointCommitGuard.guard(loader);
        return new ChangelogTables(TableLoader.fromCatalog(guarded, changelogId(namespace)),
                TableLoader.fromCatalog(guarded, progressId(namespace)));
    }

    public static TableIdentifier changelogId(Namespace namespace) {
        return TableIdentifier.of(namespace, ThermoclineTables.CHANGELOG);
    }

    public static TableIdentifier progressId(Namespace namespace) {
        return TableIdentifier.of(namespace, ChangelogProgress.TABLE);
    }
}
