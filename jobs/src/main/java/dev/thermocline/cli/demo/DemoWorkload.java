package dev.thermocline.cli.demo;

import dev.thermocline.workload.GeneratedEvent;
import dev.thermocline.workload.Workload;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Writes one phase of the generated workload as the two JSON-lines inputs the jobs read. */
public final class DemoWorkload {

    private DemoWorkload() {}

    /** The access-log and change-stream lines whose emission falls in [from, to), in emission order. */
    public static Phase writePhase(Workload workload, int phase, Instant from, Instant to, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path access = dir.resolve("access-" + phase + ".jsonl");
        Path changes = dir.resolve("changes-" + phase + ".jsonl");
        long accessLines = 0;
        long changeLines = 0;
        long bad = 0;
        try (OutputStream a = Files.newOutputStream(access); OutputStream c = Files.newOutputStream(changes)) {
            List<GeneratedEvent> events = workload.events();
            for (GeneratedEvent e : events) {
                Instant t = emittedAt(e, workload);
                if (t.isBefore(from) || !t.isBefore(to)) {
                    continue;
                }
                OutputStream out = e.kind().isAccessStream() ? a : c;
                out.write(e.json());
                out.write('\n');
                if (e.kind().isAccessStream()) {
                    accessLines++;
                } else {
                    changeLines++;
                }
                bad += e.kind().isBad() ? 1 : 0;
            }
        }
        return new Phase(access, changes, accessLines, changeLines, bad);
    }

    /**
     * Phases cut by event time; an out-of-order access belongs to the phase of its own timestamp,
     * which only moves it a few seconds, and malformed records carry their emission time.
     */
    private static Instant emittedAt(GeneratedEvent e, Workload w) {
        return e.eventTime().isBefore(w.spec().start()) ? w.spec().start() : e.eventTime();
    }

    /** One phase's input files and what they hold. */
    public record Phase(Path accessFile, Path changeFile, long accessLines, long changeLines, long badLines) {}
}
