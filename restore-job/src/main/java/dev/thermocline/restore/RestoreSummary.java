package dev.thermocline.restore;

import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.core.restore.RestoreUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The snapshot-summary properties of a restored table: the request, its as-of times and the sources read. */
final class RestoreSummary {

    static final String PREFIX = "thermocline.restore.";

    private RestoreSummary() {}

    static Map<String, String> of(ResolvedPlan plan, long rows) {
        RestoreRequest request = plan.plan().request();
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put(PREFIX + "table", request.tableName());
        summary.put(PREFIX + "request", request.selections().stream()
                .map(s -> s + (s.asOf() == null ? "@" + request.asOf() : ""))
                .collect(Collectors.joining(" ")));
        summary.put(PREFIX + "as-of", plan.plan().asOfTimes().stream().map(Object::toString).collect(Collectors.joining(",")));
        summary.put(PREFIX + "partition-map-revisions", plan.plan().units().stream().map(RestoreUnit::mapRevision)
                .collect(Collectors.toCollection(TreeSet::new)).toString());
        summary.put(PREFIX + "backups-snapshot", String.valueOf(plan.backupsSnapshot()));
        summary.put(PREFIX + "changelog-snapshot", String.valueOf(plan.changelogSnapshot()));
        summary.put(PREFIX + "base-copies", plan.plan().baseCopies().stream()
                .map(c -> c.partitionKey() + "@" + plan.readSnapshots().get(c) + " cutoff " + c.cutoffTs())
                .collect(Collectors.joining(", ")));
        summary.put(PREFIX + "rows", Long.toString(rows));
        return summary;
    }
}
