package dev.thermocline.workload;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.rng.UniformRandomProvider;

/** Malformed records of every kind the jobs must turn into dead letters. */
final class BadRecords {

    private static final String[] ACCESS = {
        "{\"timestamp\":",                                                                  // truncated JSON
        "not json at all",
        "{\"table_name\":\"%T\",\"partition_key\":\"5\",\"accessed_columns\":[]}",        // no timestamp
        "{\"timestamp\":1764000000000,\"table_name\":\"no_such_table\",\"partition_key\":\"5\",\"accessed_columns\":[]}",
        "{\"timestamp\":1764000000000,\"table_name\":\"%T\",\"partition_key\":\"abc\",\"accessed_columns\":[]}",
        "{\"timestamp\":\"yesterday\",\"table_name\":\"%T\",\"partition_key\":\"5\",\"accessed_columns\":[]}",
        "[1,2,3]",
    };
    private static final String[] CHANGE = {
        "{\"before\":null,\"after\":{\"id\":",                                             // truncated JSON
        "{\"before\":null,\"after\":{\"status\":\"NEW\"},\"op\":\"c\",\"ts_ms\":1764000000000,\"source\":{\"table\":\"%T\",\"lsn\":1}}",
        "{\"before\":null,\"after\":{\"id\":\"x1\"},\"op\":\"c\",\"ts_ms\":1764000000000,\"source\":{\"table\":\"%T\",\"lsn\":1}}",
        "{\"before\":null,\"after\":{\"id\":7},\"op\":\"z\",\"ts_ms\":1764000000000,\"source\":{\"table\":\"%T\",\"lsn\":1}}",
        "{\"before\":null,\"after\":{\"id\":7},\"op\":\"c\",\"ts_ms\":1764000000000,\"source\":{\"table\":\"no_such_table\",\"lsn\":1}}",
        "{\"before\":null,\"after\":null,\"op\":\"c\",\"ts_ms\":1764000000000,\"source\":{\"table\":\"%T\",\"lsn\":1}}",
    };

    private BadRecords() {}

    static GeneratedEvent make(UniformRandomProvider rng, WorkloadSpec spec, Instant at) {
        boolean access = rng.nextBoolean();
        String[] pool = access ? ACCESS : CHANGE;
        String text = pool[rng.nextInt(pool.length)].replace("%T", spec.tableName());
        return new GeneratedEvent(access ? GeneratedEvent.Kind.BAD_ACCESS : GeneratedEvent.Kind.BAD_CHANGE, at, null,
                text.getBytes(StandardCharsets.UTF_8));
    }
}
