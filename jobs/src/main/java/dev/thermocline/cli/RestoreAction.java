package dev.thermocline.cli;

import dev.thermocline.cli.cluster.JobTarget;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.config.ThermoclineConfig;
import dev.thermocline.restore.CostModelFile;
import dev.thermocline.restore.IcebergTableOutput;
import dev.thermocline.restore.JsonLinesOutput;
import dev.thermocline.restore.RestoreOutput;
import dev.thermocline.restore.RestoreProgress;
import dev.thermocline.restore.RestoreResult;
import dev.thermocline.restore.RestoreService;
import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * {@code thermocline restore}: plans against the configured catalog, then prints the plan
 * ({@code --explain}, metadata only) or runs the restore job locally with a progress bar on a
 * terminal, and prints what it restored with predicted versus actual cost. With {@code --cluster} the
 * job runs on that Flink cluster (planned for its default parallelism) and the command waits for it;
 * an {@code --output} file's directory must then be shared with the TaskManagers.
 */
final class RestoreAction implements Action<RestoreCommandRequest> {

    /** Where a local warehouse keeps the restore cost model calibrated by earlier runs. */
    static final String COST_MODEL_FILE = ".thermocline/restore-cost-model.properties";

    private final boolean terminal;

    RestoreAction(boolean terminal) {
        this.terminal = terminal;
    }

    /** Draws progress when the process talks to a terminal. */
    static RestoreAction forThisProcess() {
        return new RestoreAction(System.console() != null);
    }

    @Override
    public int run(RestoreCommandRequest request, ActionContext context) throws Exception {
        ThermoclineConfig config = context.config();
        JobTarget target = JobTarget.of(request.cluster());
        RestoreRequest restore = request.restore();
        TableSpec spec = config.table(restore.tableName());
        Namespace namespace = Namespace.of(config.namespace().split("\\."));
        Catalog catalog = IcebergCatalogs.load(config.catalogSettings());
        try {
            RestoreService service = new RestoreService(catalog, namespace, config.tables(), new CostModelFile(costModel(config)));
            StreamExecutionEnvironment env = target.bounded();
            if (request.explain()) {
                context.out().print(service.explain(restore, Math.max(1, env.getParallelism())).render());
                context.out().flush();
                return ExitCode.OK;
            }
            RestoreOutput output = request.target() instanceof RestoreTarget.JsonLinesFile f
                    ? new JsonLinesOutput(f.path(), spec.keyType())
                    : new IcebergTableOutput(catalog, TableIdentifier.of(namespace,
                            ((RestoreTarget.IcebergTable) request.target()).name()), spec.name());
            RestoreResult result;
            try (TerminalProgress progress = terminal ? new TerminalProgress(context.err()) : null) {
                result = service.run(restore, output, env, progress == null ? RestoreProgress.NONE : progress);
            }
            context.out().print(result.describe());
            context.out().flush();
            return ExitCode.OK;
        } finally {
            if (catalog instanceof AutoCloseable c) {
                c.close();
            }
        }
    }


    private static Path costModel(ThermoclineConfig config) {
        return config.warehouse().contains("://") ? null : Path.of(config.warehouse()).resolve(COST_MODEL_FILE);
    }
}
