package dev.thermocline.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.partition.PartitionMapHistory;
import dev.thermocline.core.reconstruct.RowState;
import dev.thermocline.core.restore.CostModel;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import dev.thermocline.flink.partitionmap.PartitionMapStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;

/** A warehouse with Thermocline's tables on a real JDBC (SQLite) catalog, and restores run against it. */
final class RestoreTestbed implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final CatalogSettings settings;
    final Catalog catalog;
    final Namespace namespace = ThermoclineTables.DEFAULT_NAMESPACE;

    RestoreTestbed(Path dir) {
        this.dir = dir;
        this.settings = CatalogSettings.embeddedDefault(dir.resolve("warehouse"));
        this.catalog = IcebergCatalogs.load(settings);
        ThermoclineTables.createAll(catalog, namespace);
    }

    PartitionMapHistory history(TableSpec spec) {
        return new PartitionMapStore(catalog, namespace, Map.of(spec.name(), spec)).load(spec.name());
    }

    ResolvedPlan resolve(TableSpec spec, RestoreRequest request) {
        return new PlanResolver(catalog, namespace).resolve(request, spec.keyType(), history(spec));
    }

    RestoreResult restore(TableSpec spec, RestoreRequest request, RestoreOutput output) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return new RestoreRunner(CostModel.DEFAULT).run(resolve(spec, request), output, env, RestoreProgress.NONE);
    }

    static List<JsonNode> readJsonLines(Path file) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                out.add(JSON.readTree(line));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contract's line for a row, built independently of the code under test. */
    static JsonNode expectedLine(RowState row) {
        try {
            ObjectNode o = JSON.createObjectNode();
            if (row.key() instanceof LongKey l) {
                o.put("key", l.value());
            } else {
                o.put("key", row.key().text());
            }
            o.set("row", JSON.readTree(row.row()));
            o.put("lsn", row.position().lsn());
            o.put("ts", row.timestamp().toString());
            return JSON.readTree(o.toString()); // parsed like the file, so numbers get the same node types
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> expectedLines(List<RowState> rows) {
        return rows.stream().map(RestoreTestbed::expectedLine).toList();
    }

    @Override
    public void close() throws Exception {
        if (catalog instanceof AutoCloseable c) {
            c.close();
        }
    }
}
