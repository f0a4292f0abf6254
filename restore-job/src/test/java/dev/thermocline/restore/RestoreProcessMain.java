package dev.thermocline.restore;

import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.restore.RangeSelection;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.core.table.TableSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * A restore in a process of its own, for the crash test to kill: {@code DIR TABLE KEYSPACE ASOF_MILLIS TARGET},
 * TARGET a {@code .jsonl} path or {@code table:NAME}; restores every key of the long-keyed table.
 */
public final class RestoreProcessMain {

    private RestoreProcessMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        TableSpec spec = TableHistory.longKeyed(args[1], Long.parseLong(args[2]));
        RestoreRequest request = new RestoreRequest(spec.name(), Instant.ofEpochMilli(Long.parseLong(args[3])),
                List.of(new RangeSelection.Interval(KeyInterval.all(), null)));
        try (RestoreTestbed bed = new RestoreTestbed(dir)) {
            RestoreOutput output = args[4].startsWith("table:")
                    ? new IcebergTableOutput(bed.catalog, TableIdentifier.of(bed.namespace, args[4].substring(6)), spec.name())
                    : new JsonLinesOutput(Path.of(args[4]), KeyType.LONG);
            RestoreResult result = bed.restore(spec, request, output);
            System.out.println("RESTORED " + result.rows());
        }
        System.exit(0);
    }
}
