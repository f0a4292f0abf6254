package dev.thermocline.cli;

import dev.thermocline.backup.BackupOptions;
import dev.thermocline.backup.BackupResult;
import dev.thermocline.backup.BackupRun;
import dev.thermocline.core.backup.DueReason;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.config.ThermoclineConfig;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.catalog.Namespace;

/**
 * {@code thermocline backup}: one backup run on a local MiniCluster, then one line per table:
 * its cutoff, layout revision, the partitions copied (and why) and how many carried over.
 */
final class BackupAction implements Action<BackupRequest> {

    @Override
    public int run(BackupRequest request, ActionContext context) throws Exception {
        if (request.cluster().isPresent()) {
            throw new NotImplementedYetException("thermocline backup --cluster: not implemented yet (issue #7)");
        }
        ThermoclineConfig config = context.config();
        if (config.tables().isEmpty()) {
            throw new IllegalArgumentException("no tables are configured: nothing to back up");
        }
        BackupRun run = new BackupRun(IcebergCatalogs.flinkLoader(config.catalogSettings()),
                Namespace.of(config.namespace().split("\\.")), config.tables(), context.clock());
        BackupOptions options = BackupOptions.defaults().withTables(request.table().map(Set::of).orElse(Set.of()));
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        BackupResult result = run.run(StreamExecutionEnvironment.getExecutionEnvironment(conf), options);
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
