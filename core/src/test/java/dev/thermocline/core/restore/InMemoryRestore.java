package dev.thermocline.core.restore;

import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.reconstruct.RowState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs a plan the way the job does, on the scenario's in-memory tables: per segment, the base
 * copy's rows and the change-log rows tagged with one of the segment's partitions, through the
 * segment's engine. Only the data access differs from the job.
 */
final class InMemoryRestore {

    private InMemoryRestore() {}

    static List<RowState> run(RestorePlan plan, RestoreScenario scenario) {
        return run(plan, scenario, t -> true);
    }

    /** @param present which change-log rows are still there (retention may have removed some) */
    static List<RowState> run(RestorePlan plan, RestoreScenario scenario, Predicate<RestoreScenario.TaggedChange> present) {
        List<RowState> out = new ArrayList<>();
        for (RestoreUnit unit : plan.units()) {
            for (RestoreSegment segment : unit.segments()) {
                List<RowState> base = segment.base() == null ? List.of() : scenario.copyRows.get(segment.base());
                List<ChangeRecord> changes = new ArrayList<>();
                for (RestoreScenario.TaggedChange t : scenario.changelog) {
                    if (present.test(t) && segment.changelogPartitions().contains(t.partitionKey())) {
                        changes.add(t.change());
                    }
                }
                out.addAll(segment.applier(unit.asOf()).reconstruct(base, changes));
            }
        }
        out.sort(Comparator.comparing(RowState::key));
        return out;
    }
}
