package dev.thermocline.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.LongKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's oracle: the rows of [lo, hi] as of T by replaying the generator's own history from
 * empty (no backup, no change log, no partition map involved), compared with a restore's JSON lines.
 */
public final class RestoreCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RestoreCheck() {}

    /** Key → after-image JSON of every live row in [lo, hi] after every change with ts ≤ asOf. */
    public static Map<Long, JsonNode> replay(List<ChangeRecord> history, long lo, long hi, Instant asOf) throws IOException {
        Map<Long, JsonNode> rows = new TreeMap<>();
        for (ChangeRecord c : history) { // the generator emits positions in increasing order
            long key = ((LongKey) c.key()).value();
            if (key < lo || key > hi || c.timestamp().isAfter(asOf)) {
                continue;
            }
            if (c.op().upserts()) {
                rows.put(key, JSON.readTree(c.row()));
            } else {
                rows.remove(key);
            }
        }
        return rows;
    }

    /** The differences between a restore's output file and the oracle; empty when they agree. */
    public static List<String> differences(Path restoredJsonLines, Map<Long, JsonNode> expected) throws IOException {
        Map<Long, JsonNode> actual = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (String line : Files.readAllLines(restoredJsonLines)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode o = JSON.readTree(line);
            long key = o.path("key").asLong();
            if (key <= previous) {
                problems.add("output is not sorted by key at " + key);
            }
            previous = key;
            actual.put(key, o.path("row"));
        }
        for (Map.Entry<Long, JsonNode> e : expected.entrySet()) {
            JsonNode got = actual.get(e.getKey());
            if (got == null) {
                problems.add("missing key " + e.getKey());
            } else if (!got.equals(e.getValue())) {
                problems.add("key " + e.getKey() + ": restored " + got + " but history says " + e.getValue());
            }
        }
        for (Long key : actual.keySet()) {
            if (!expected.containsKey(key)) {
                problems.add("unexpected key " + key);
            }
        }
        return problems;
    }
}
