package dev.thermocline.workload;

import dev.thermocline.core.change.ChangeRecord;
import java.util.ArrayList;
import java.util.List;

/** A whole workload in memory, for tests and small demos: the events and the true change history. */
public record Workload(WorkloadSpec spec, List<GeneratedEvent> events, List<ChangeRecord> history) {

    public static Workload generate(WorkloadSpec spec) {
        List<ChangeRecord> history = new ArrayList<>();
        List<GeneratedEvent> events = new ArrayList<>();
        new WorkloadGenerator(spec, history::add).forEachRemaining(events::add);
        return new Workload(spec, List.copyOf(events), List.copyOf(history));
    }

    public List<GeneratedEvent> accessEvents() {
        return events.stream().filter(e -> e.kind().isAccessStream()).toList();
    }

    public List<GeneratedEvent> changeEvents() {
        return events.stream().filter(e -> !e.kind().isAccessStream()).toList();
    }

    public long count(GeneratedEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }
}
