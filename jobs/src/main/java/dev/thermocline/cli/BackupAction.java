package dev.thermocline.cli;

import dev.thermocline.backup.BackupOptions;
import dev.thermocline.cli.cluster.JobTarget;
import dev.thermocline.backup.BackupResult;
import dev.thermocline.backup.BackupRun;
import dev.thermocline.core.backup.DueReason;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.config.ThermoclineConfig;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.catalog.Namespace;

/**
 * {@code thermocline backup}: one backup run on a local MiniCluster, then one line per table:
 * its cutoff, layout revision, the partitions copied (and why) and how many carried over. With
 * {@code --cluster} the run's job executes on that Flink cluster and the command waits for it.
 */
final class BackupAction implements Action<BackupRequest> {

    @Override
    public int run(BackupRequest request, ActionContext context) throws Exception {
        ThermoclineConfig config = context.config();
        if (config.tables().isEmpty()) {
            throw new IllegalArgumentException("no tables are configured: nothing to back up");
        }
        JobTarget target = JobTarget.of(request.cluster());
        BackupRun run = new BackupRun(IcebergCatalogs.flinkLoader(config.catalogSettings()),
                Namespace.of(config.namespace().split("\\.")), config.tables(), context.clock());
        BackupOptions options = BackupOptions.defaults().withTables(request.table().map(Set::of).orElse(Set.of()));
        BackupResult result = run.run(target.bounded(), options);
        for (BackupResult.TableResult t : result.tables()) {
            context.out().println(describe(t, result.snapshotId()));
        }
        context.out().flush();
        return ExitCode.OK;
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
