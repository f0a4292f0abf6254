package dev.thermocline.restore;

import dev.thermocline.core.restore.CostModel;
import dev.thermocline.core.restore.KeyInterval;
import dev.thermocline.core.restore.RangeSelection;
import dev.thermocline.core.restore.ReadEstimate;
import dev.thermocline.core.restore.RestoreRequest;
import dev.thermocline.core.restore.RestoreSegment;
import dev.thermocline.core.restore.RestoreUnit;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code thermocline restore --explain}: the plan and its cost, from metadata alone — per unit the
 * partition, the base copy (snapshot and cutoff), files and bytes to read from {@code backups} and
 * {@code changelog}, the changes to scan, and the predicted duration; beside it the same figures
 * for a full-table restore as of the request's latest time.
 *
 * @param plan the requested restore
 * @param fullTable a restore of every key as of the request's latest time
 * @param model the calibrated throughput model
 * @param parallelism the slots the job may use
 */
public record ExplainReport(ResolvedPlan plan, ResolvedPlan fullTable, CostModel model, int parallelism) {

    public ExplainReport {
        Objects.requireNonNull(plan, "plan is required");
        Objects.requireNonNull(fullTable, "full-table plan is required");
        Objects.requireNonNull(model, "cost model is required");
    }

    /** The request's "restore everything as of its latest time" counterpart. */
    public static RestoreRequest fullTableRequest(RestoreRequest request) {
        return new RestoreRequest(request.tableName(), request.latestAsOf(),
                List.of(new RangeSelection.Interval(KeyInterval.all(), null)));
    }

    public Duration predicted() {
        return model.predict(plan.estimates(), parallelism);
    }

    public Duration fullTablePredicted() {
        return model.predict(fullTable.estimates(), parallelism);
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        RestoreRequest request = plan.plan().request();
        sb.append(String.format(Locale.ROOT, "Restore plan for '%s' (metadata only, no data read)%n", plan.table()));
        for (RangeSelection s : request.selections()) {
            sb.append(String.format(Locale.ROOT, "  %-24s as of %s%n", s.toString().replaceAll("@.*$", ""),
                    request.effectiveAsOf(s)));
        }
        sb.append(String.format(Locale.ROOT, "  sources: backups snapshot %s, changelog snapshot %s%n%n",
                plan.backupsSnapshot(), plan.changelogSnapshot()));
        sb.append(String.format(Locale.ROOT, "%-4s %-24s %-8s %-20s %-44s %16s %16s %10s%n", "unit", "as of", "part.",
                "keys", "base copy (snapshot, cutoff)", "backups files/B", "changelog files/B", "changes<="));
        for (RestoreUnit u : plan.plan().units()) {
            for (int s = 0; s < u.segments().size(); s++) {
                RestoreSegment seg = u.segments().get(s);
                SegmentFiles f = plan.files(u.index(), s);
                sb.append(String.format(Locale.ROOT, "%-4s %-24s %-8s %-20s %-44s %16s %16s %,10d%n",
                        s == 0 ? Integer.toString(u.index()) : "", s == 0 ? u.asOf().toString() : "",
                        s == 0 ? u.partition().partitionKey() + "/r" + u.mapRevision() : "",
                        clip(seg.keys().toString(), 20), clip(base(seg), 44),
                        files(f.baseEstimate()), files(f.changeEstimate()), f.changeEstimate().records()));
            }
        }
        sb.append(String.format(Locale.ROOT, "%n%-28s %22s %22s%n", "", "this restore", "full-table restore"));
        row(sb, "partitions", Long.toString(plan.partitionCount()), Long.toString(fullTable.partitionCount()));
        row(sb, "units (parallel, <= " + parallelism + ")", Integer.toString(plan.unitCount()),
                Integer.toString(fullTable.unitCount()));
        row(sb, "backups files / bytes", files(plan.totalBase()), files(fullTable.totalBase()));
        row(sb, "changelog files / bytes", files(plan.totalChanges()), files(fullTable.totalChanges()));
        row(sb, "bytes to read", Sizes.bytes(bytes(plan)), Sizes.bytes(bytes(fullTable)));
        row(sb, "changes to scan (<=)", String.format(Locale.ROOT, "%,d", plan.totalChanges().records()),
                String.format(Locale.ROOT, "%,d", fullTable.totalChanges().records()));
        row(sb, "predicted duration", Sizes.duration(predicted()), Sizes.duration(fullTablePredicted()));
        long full = bytes(fullTable);
        if (full > 0) {
            sb.append(String.format(Locale.ROOT, "%nThis restore reads %.1f%% of the bytes of a full-table restore.%n",
                    100.0 * bytes(plan) / full));
        }
        return sb.toString();
    }

    private String base(RestoreSegment seg) {
        if (seg.base() == null) {
            return "none: change log from its start";
        }
        return seg.base().partitionKey() + " (" + plan.readSnapshots().get(seg.base()) + ", " + seg.base().cutoffTs() + ")";
    }

    private static long bytes(ResolvedPlan p) {
        return p.totalBase().bytes() + p.totalChanges().bytes();
    }

    private static String files(ReadEstimate e) {
        return e.files() + " / " + Sizes.bytes(e.bytes());
    }

    private static void row(StringBuilder sb, String label, String mine, String full) {
        sb.append(String.format(Locale.ROOT, "%-28s %22s %22s%n", label, mine, full));
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
