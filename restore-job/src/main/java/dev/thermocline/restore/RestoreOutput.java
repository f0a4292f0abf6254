package dev.thermocline.restore;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Where a restore's rows go, published in one atomic step: the workers write per-unit parts that
 * nobody reads, and {@link #commit} makes the whole result visible at once (a file renamed into
 * place, a table created or replaced in one catalog commit). A restore that fails calls
 * {@link #abort}, and a killed one leaves only unreferenced parts, never a partial result.
 */
public interface RestoreOutput {

    /** Client side, before the job: checks the target and makes the workers' writers. */
    UnitWriterFactory prepare(String runId) throws IOException;

    /**
     * Client side, after every unit finished: publishes the parts.
     *
     * @param parts each unit's {@link UnitWriter#finish()} result, in unit order
     * @param summary what the restore was (request, as-of, source snapshots), for outputs that keep it
     */
    void commit(List<String> parts, Map<String, String> summary) throws IOException;

    /** Client side, after a failure: removes whatever was staged. Never throws. */
    void abort();

    /** The target, for messages: {@code file rows.jsonl}, {@code table thermocline.restored_orders}. */
    String describe();
}
