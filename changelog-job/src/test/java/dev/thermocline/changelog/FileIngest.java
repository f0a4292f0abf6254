package dev.thermocline.changelog;

import dev.thermocline.core.table.TableSpec;
import dev.thermocline.flink.iceberg.ThermoclineTables;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.TableLoader;

/** Runs the changelog job over a JSON-lines file of events (bounded), dead letters into {@code dead_letters}. */
public final class FileIngest {

    private FileIngest() {}

    public static Path write(Path file, List<WorkloadEvents.Event> events) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (WorkloadEvents.Event e : events) {
                out.write(e.event().json());
                out.write('\n');
            }
        }
        return file;
    }

    public static void run(TestWarehouse warehouse, Path file, Path checkpoints) throws Exception {
        Map<String, TableSpec> specs = warehouse.specs();
        StreamExecutionEnvironment env = TestJobs.environment(checkpoints, false);
        new ChangelogJob(JsonLinesFormat.source(file), specs, warehouse.feed(), warehouse.changelogTables(),
                DeadLetterOutput.iceberg(TableLoader.fromCatalog(warehouse.loader(),
                        TableIdentifier.of(TestWarehouse.NAMESPACE, ThermoclineTables.DEAD_LETTERS)), ChangelogJob.NAME),
                ChangelogSettings.defaults(), Clock.systemUTC()).build(env);
        env.execute("changelog-" + file.getFileName());
    }
}
