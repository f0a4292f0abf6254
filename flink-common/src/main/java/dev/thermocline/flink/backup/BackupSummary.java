package dev.thermocline.flink.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thermocline.core.backup.BackupCopy;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.partition.KeyRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The snapshot-summary contract of the {@code backups} table, shared by the backup job (writes it)
 * and restore (reads it, from metadata alone). Each backup run is one snapshot whose summary lists
 * EVERY copy present after the commit — carried-over ones included — under
 * {@value #COPIES_PREFIX}{@code <table>} as a JSON array:
 * {@code [{"partition_key":"p3","start":"100"|null,"end":"200"|null,"revision":4,
 * "cutoff_ts":"2026-11-24T10:31:00Z","cutoff_lsn":123,"rows":42,"written_in_snapshot":8812…}]}.
 * A copy written by this snapshot has {@code written_in_snapshot} = -1 in the JSON and is resolved
 * to the snapshot's own id on reading (a snapshot cannot know its id before it commits).
 */
public final class BackupSummary {

    public static final String COPIES_PREFIX = "thermocline.backup.copies.";
    public static final String REVISION_PREFIX = "thermocline.backup.revision.";
    /** The run's cutoff for the table (ISO-8601); each copy also carries its own {@code cutoff_ts}. */
    public static final String CUTOFF_PREFIX = "thermocline.backup.cutoff.";
    public static final long THIS_SNAPSHOT = -1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private BackupSummary() {}

    /** The summary property name for a table's copies. */
    public static String copiesProperty(String table) {
        return COPIES_PREFIX + table;
    }

    public static String revisionProperty(String table) {
        return REVISION_PREFIX + table;
    }

    public static String cutoffProperty(String table) {
        return CUTOFF_PREFIX + table;
    }

    /**
     * The properties of {@code summary} that describe {@code table}'s backup (copies, revision,
     * cutoff): what a snapshot that leaves the table alone must repeat, since every snapshot lists
     * every copy present after it.
     */
    public static Map<String, String> propertiesOf(String table, Map<String, String> summary) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : List.of(copiesProperty(table), revisionProperty(table), cutoffProperty(table))) {
            if (summary.containsKey(name)) {
                out.put(name, summary.get(name));
            }
        }
        return out;
    }

    /** The tables a snapshot's summary lists copies for. */
    public static Set<String> tables(Map<String, String> summary) {
        Set<String> tables = new TreeSet<>();
        summary.keySet().stream().filter(k -> k.startsWith(COPIES_PREFIX))
                .forEach(k -> tables.add(k.substring(COPIES_PREFIX.length())));
        return tables;
    }

    public static String encode(List<BackupCopy> copies) {
        ArrayNode array = JSON.createArrayNode();
        for (BackupCopy c : copies) {
            ObjectNode o = array.addObject();
            o.put("partition_key", c.partitionKey());
            o.put("start", c.range().start() == null ? null : c.range().start().text());
            o.put("end", c.range().end() == null ? null : c.range().end().text());
            o.put("revision", c.revision());
            o.put("cutoff_ts", c.cutoffTs().toString());
            o.put("cutoff_lsn", c.cutoffLsn());
            o.put("rows", c.rows());
            o.put("written_in_snapshot", c.writtenInSnapshot());
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The copies of {@code table} recorded in one snapshot's summary (empty when it has none). */
    public static List<BackupCopy> decode(String table, KeyType keyType, Map<String, String> summary, long snapshotId) {
        String text = summary.get(copiesProperty(table));
        if (text == null) {
            return List.of();
        }
        List<BackupCopy> copies = new ArrayList<>();
        try {
            for (JsonNode o : JSON.readTree(text)) {
                long written = o.path("written_in_snapshot").asLong(THIS_SNAPSHOT);
                copies.add(new BackupCopy(table, o.path("partition_key").asText(),
                        new KeyRange(key(keyType, o.get("start")), key(keyType, o.get("end"))),
                        o.path("revision").asLong(),
                        Instant.parse(o.path("cutoff_ts").asText()),
                        o.path("cutoff_lsn").asLong(),
                        o.path("rows").asLong(),
                        written == THIS_SNAPSHOT ? snapshotId : written));
            }
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("backups snapshot " + snapshotId + " has an unreadable "
                    + copiesProperty(table) + " summary: " + e.getMessage(), e);
        }
        return copies;
    }

    private static Key key(KeyType type, JsonNode node) {
        return node == null || node.isNull() ? null : type.parse(node.asText());
    }
}
