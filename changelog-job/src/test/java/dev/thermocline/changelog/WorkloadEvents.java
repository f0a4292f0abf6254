package dev.thermocline.changelog;

import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.workload.GeneratedEvent;
import dev.thermocline.workload.Workload;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The workload's change stream with, for each event, the change it truly carries: the oracle of
 * what the change log must hold. A duplicate carries the change it repeats (it directly follows
 * it); a malformed record carries none.
 */
public final class WorkloadEvents {

    public record Event(GeneratedEvent event, ChangeRecord change) {
        public boolean bad() {
            return change == null;
        }
    }

    private WorkloadEvents() {}

    public static List<Event> of(Workload workload) {
        Iterator<ChangeRecord> history = workload.history().iterator();
        List<Event> out = new ArrayList<>();
        ChangeRecord last = null;
        for (GeneratedEvent e : workload.changeEvents()) {
            switch (e.kind()) {
                case CHANGE -> {
                    last = history.next();
                    out.add(new Event(e, last));
                }
                case DUPLICATE_CHANGE -> out.add(new Event(e, last));
                default -> out.add(new Event(e, null));
            }
        }
        if (history.hasNext()) {
            throw new IllegalStateException("history has more changes than the change stream");
        }
        return out;
    }

    /** What the change log must hold for these events: every carried change, duplicates included. */
    public static List<ChangeRecord> logged(List<Event> events) {
        return events.stream().filter(e -> !e.bad()).map(Event::change).toList();
    }

    public static long bad(List<Event> events) {
        return events.stream().filter(Event::bad).count();
    }
}
