package dev.thermocline.core.repartition;

import dev.thermocline.core.partition.PartitionMap;
import dev.thermocline.core.partition.RepartitionPlan;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the planner decided in one interval: the plan for {@link PartitionMap#apply} on {@code base},
 * one {@link Decision} (with evidence) per split or merge in it, and every partition's class.
 *
 * @param intervalIndex the engine interval (0-based) the decision was made in
 * @param base the revision the plan applies to
 */
public record PlanDecision(
        long intervalIndex,
        PartitionMap base,
        RepartitionPlan plan,
        List<Decision> decisions,
        Map<String, HeatClass> classes)
        implements Serializable {

    public PlanDecision {
        Objects.requireNonNull(base, "plan decision: base map is required");
        Objects.requireNonNull(plan, "plan decision: plan is required");
        decisions = List.copyOf(decisions);
        classes = Map.copyOf(classes);
        if (decisions.size() != plan.splits().size() + plan.merges().size()) {
            throw new IllegalArgumentException("plan decision: " + decisions.size() + " decisions for a plan of "
                    + plan.splits().size() + " splits and " + plan.merges().size() + " merges");
        }
    }

    public String tableName() {
        return base.tableName();
    }

    public boolean isEmpty() {
        return plan.isEmpty();
    }

    /** The revision's reason: what changed and why, e.g. {@code dpe interval 12: split p3 at 1200 -> p17; merge p5+p6}. */
    public String reason() {
        return "dpe interval " + intervalIndex + ": "
                + decisions.stream().map(Decision::summary).collect(Collectors.joining("; "));
    }

    /** The next revision: the plan applied to {@code base}, valid from {@code validFrom}. */
    public PartitionMap apply(Instant validFrom) {
        return base.apply(plan, validFrom, reason());
    }
}
