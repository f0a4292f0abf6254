package dev.thermocline.restore;

import dev.thermocline.core.restore.CostModel;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;

/**
 * What the command line calls: explain a restore (metadata only) or run it, planning against the
 * tables' current metadata; a run also moves the cost model towards the measured rates.
 */
public final class RestoreService {

    private final Catalog catalog;
    private final Namespace namespace;
    private final Map<String, TableSpec> specs;
    private final CostModelFile costModelFile;

    public RestoreService(Catalog catalog, Namespace namespace, Map<String, TableSpec> specs, CostModelFile costModelFile) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is required");
        this.namespace = Objects.requireNonNull(namespace, "namespace is required");
        this.specs = Map.copyOf(specs);
        this.costModelFile = Objects.requireNonNull(costModelFile, "cost model file is required");
    }

    public ResolvedPlan resolve(RestoreRequest request) {
        TableSpec spec = spec(request.tableName());
        return new PlanResolver(catalog, namespace).resolve(request, spec.keyType(),
                new PartitionMapStore(catalog, namespace, specs).load(spec.name()));
    }

    public ExplainReport explain(RestoreRequest request, int parallelism) {
        return new ExplainReport(resolve(request), resolve(ExplainReport.fullTableRequest(request)),
                costModelFile.load(), parallelism);
    }

    public RestoreResult run(RestoreRequest request, RestoreOutput output, StreamExecutionEnvironment env,
                             RestoreProgress progress) throws Exception {
        CostModel model = costModelFile.load();
        RestoreResult result = new RestoreRunner(model).run(resolve(request), output, env, progress);
        costModelFile.save(model.calibrated(result.baseRate(), result.changeRate(),
                startupSeconds(result, Math.max(1, env.getParallelism()))));
        return result;
    }

    /** Wall time not spent in units: the actual time minus the busiest slot's share of the unit time. */
    private static double startupSeconds(RestoreResult result, int parallelism) {
        int slots = Math.max(1, Math.min(parallelism, result.units().size()));
        long unitNanos = result.units().stream().mapToLong(u -> u.elapsedNanos).sum();
        long longest = result.units().stream().mapToLong(u -> u.elapsedNanos).max().orElse(0);
        double busy = Math.max(longest, unitNanos / (double) slots) / 1e9;
        return Math.max(0, result.actual().toNanos() / 1e9 - busy);
    }

    private TableSpec spec(String table) {
        TableSpec spec = specs.get(table);
        if (spec == null) {
            throw new IllegalArgumentException("table '" + table + "' is not configured; configured tables: "
                    + String.join(", ", specs.keySet()));
        }
        return spec;
    }
}
