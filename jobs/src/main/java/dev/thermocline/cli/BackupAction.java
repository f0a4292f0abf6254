package dev.thermocline.cli;

import dev.thermocline.backup.BackupOptions;
import dev.thermocline.backup.BackupResult;
import dev.thermocline.backup.BackupRun;
import dev.thermocline.backup.Retention;
import dev.thermocline.cli.cluster.JobTarget;
import dev.thermocline.core.backup.DueReason;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.config.ThermoclineConfig;
import java.io.Closeable;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;

/**
 * {@code thermocline backup}: one backup run on a local MiniCluster with the configured due policy
 * ({@code backup.due.*}; {@code --force} / {@code --partition} copy on demand), then one line per
 * table: its cutoff, layout revision, the partitions copied (and why) and how many carried over;
 * then, with {@code backup.retention} set, the expiry of what no restore in that window needs.
 * With {@code --cluster} the run's job executes on that Flink cluster and the command waits for it.
 */
final class BackupAction implements Action<BackupRequest> {

    @Override
    public int run(BackupRequest request, ActionContext context) throws Exception {
        ThermoclineConfig config = context.config();
        if (config.tables().isEmpty()) {
            throw new IllegalArgumentException("no tables are configured: nothing to back up");
        }
        JobTarget target = JobTarget.of(request.cluster());
        Namespace namespace = Namespace.of(config.namespace().split("\\."));
        BackupRun run = new BackupRun(IcebergCatalogs.flinkLoader(config.catalogSettings()), namespace, config.tables(),
                context.clock());
        BackupOptions options = BackupOptions.defaults().withPolicy(config.backup().policy())
                .withTables(request.table().map(Set::of).orElse(Set.of()));
        if (request.force()) {
            for (String table : request.table().map(Set::of).orElse(config.tables().keySet())) {
                options = options.withForced(table);
            }
        }
        if (!request.partitions().isEmpty()) {
            options = options.withOnDemand(request.table().orElseThrow(), Set.copyOf(request.partitions()));
        }
        BackupResult result = run.run(target.bounded(), options);
        for (BackupResult.TableResult t : result.tables()) {
            context.out().println(describe(t, result.snapshotId()));
        }
        if (config.backup().retention().isPresent()) {
            context.out().println(expire(config, namespace, config.backup().retention().get(), context));
        }
        context.out().flush();
        return ExitCode.OK;
    }

    private static String expire(ThermoclineConfig config, Namespace namespace, Duration retention, ActionContext context)
            throws Exception {
        Catalog catalog = IcebergCatalogs.load(config.catalogSettings());
        try {
            Retention.Result r = new Retention(catalog, namespace, config.tables()).apply(retention, context.clock());
            return "retention " + retention + ": " + (r.oldestBackupKept() == null
                    ? "no backup is older than " + context.clock().instant().minus(retention) + ", nothing expired"
                    : "kept backups from snapshot " + r.oldestBackupKept() + ", expired " + r.backupSnapshotsExpired()
                            + " older backups snapshot(s), removed " + r.changelogFilesRemoved() + " changelog file(s)");
        } finally {
            if (catalog instanceof Closeable c) {
                c.close();
            }
        }
    }

    static String describe(BackupResult.TableResult t, Long snapshotId) {
        if (t.built().isEmpty()) {
            return t.table() + ": nothing due at cutoff " + t.cutoff() + "; " + t.copies().size() + " copies unchanged";
        }
        String built = t.built().entrySet().stream().map(BackupAction::describe).collect(Collectors.joining(", "));
        return t.table() + ": cutoff " + t.cutoff() + ", revision " + t.revision() + ", copied " + built + "; carried over "
                + (t.copies().size() - t.built().size()) + "; backups snapshot " + snapshotId;
    }

    private static String describe(Map.Entry<String, DueReason> e) {
        return e.getKey() + " (" + e.getValue().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
    }
}
