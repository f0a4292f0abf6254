package dev.thermocline.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.reconstruct.RowState;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.restore.RangeSelection;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore killed ({@code kill -9}) at a random point — JVM start, planning, mid-job, commit — leaves
 * no partial output visible: the target is absent or complete. Run again, it produces the oracle's
 * result. Kill delays derive from a printed seed.
 */
class RestoreCrashITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    private static final long SEED = Long.getLong("thermocline.restore.crash.seed", System.nanoTime());
    private static final int KILLS = Integer.getInteger("thermocline.restore.crash.kills", 3);

    @TempDir
    Path dir;

    @Test
    void aKilledRestoreLeavesNoPartialOutputAndARerunGivesTheSameResult() throws Exception {
        System.out.println("RestoreCrashITCase seed " + SEED + " (-Dthermocline.restore.crash.seed=" + SEED + ")");
        long started = System.nanoTime();
        TableHistory history = TableHistory.generate(SEED, TableHistory.longKeyed("orders", 4_000), 4_000, 4_000, 200, true);
        Instant asOf = history.history.get(history.history.size() - 1).timestamp();
        List<RowState> expected = Oracle.rowsAt(history.history, asOf, k -> true);
        Path file = dir.resolve("orders.jsonl");
        try (RestoreTestbed bed = new RestoreTestbed(dir)) {
            new HistoryWriter(bed.catalog, bed.namespace).write(history, 6);
            log(started, "history written: " + history);
            TableIdentifier table = TableIdentifier.of(bed.namespace, "restored_crash");
            long whole = System.nanoTime();
            assertThat(runAndKill(history, asOf, file.toString(), 120_000)).as("an unkilled run finishes").isTrue();
            long wholeMillis = (System.nanoTime() - whole) / 1_000_000;
            log(started, "a whole run in a child process takes " + wholeMillis + " ms");
            assertThat(RestoreTestbed.readJsonLines(file)).isEqualTo(RestoreTestbed.expectedLines(expected));
            Files.delete(file);
            Random random = new Random(SEED);
            for (int kill = 0; kill < KILLS; kill++) {
                long delay = (long) ((0.2 + 0.8 * random.nextDouble()) * wholeMillis);
                String target = kill % 2 == 0 ? file.toString() : "table:restored_crash";
                boolean finished = runAndKill(history, asOf, target, delay);
                log(started, "kill " + kill + " after " + delay + " ms, finished first: " + finished);
                String context = "seed " + SEED + ", kill " + kill + " after " + delay + " ms of " + target
                        + (finished ? " (finished first)" : "");
                if (Files.exists(file)) {
                    assertThat(RestoreTestbed.readJsonLines(file)).as(context).isEqualTo(RestoreTestbed.expectedLines(expected));
                }
                if (bed.catalog.tableExists(table)) {
                    assertThat(count(bed, table)).as(context).isEqualTo(expected.size());
                }
            }
            RestoreRequest all = new RestoreRequest("orders", asOf, List.of(new RangeSelection.Interval(KeyInterval.all(), null)));
            bed.restore(history.spec, all, new JsonLinesOutput(file, history.spec.keyType()));
            bed.restore(history.spec, all, new IcebergTableOutput(bed.catalog, table, "orders"));
            log(started, "reruns done");
            assertThat(RestoreTestbed.readJsonLines(file)).isEqualTo(RestoreTestbed.expectedLines(expected));
            assertThat(count(bed, table)).isEqualTo(expected.size());
            try (var left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString())).as("staging of killed runs is cleaned up")
                        .noneMatch(n -> n.startsWith(".orders.jsonl.restore-"));
            }
        }
    }

    /** @return whether the child finished before the kill */
    private boolean runAndKill(TableHistory history, Instant asOf, String target, long delayMillis) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-Daws.")) {
                command.add(arg);
            }
        }
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RestoreProcessMain.class.getName());
        command.addAll(List.of(dir.toString(), history.spec.name(), Long.toString(history.keySpace),
                Long.toString(asOf.toEpochMilli()), target));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        boolean finished = child.waitFor(delayMillis, TimeUnit.MILLISECONDS);
        if (!finished) {
            child.destroyForcibly().waitFor();
        }
        return finished && child.exitValue() == 0;
    }

    private static void log(long started, String what) {
        System.out.printf("RestoreCrashITCase +%.1f s: %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    private static long count(RestoreTestbed bed, TableIdentifier id) throws Exception {
        long n = 0;
        try (CloseableIterable<Record> rows = IcebergGenerics.read(bed.catalog.loadTable(id)).build()) {
            for (Record ignored : rows) {
                n++;
            }
        }
        return n;
    }
}
