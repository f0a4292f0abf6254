package dev.thermocline.core.backup;

import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import dev.thermocline.core.reconstruct.ChangeApplier;
import dev.thermocline.core.reconstruct.RowState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Builds one new copy with the shared reconstruction engine: for each piece of the task, the base
 * copy's rows in the piece's range plus the changes with ts in (base cutoff, cutoff] (all changes
 * up to the cutoff without a base), last write by position wins, deletes remove. Duplicated or
 * overlapping input is harmless; the result has one live row per key, sorted by key.
 */
public final class CopyBuilder {

    /**
     * @param rows the copy's live rows, sorted by key
     * @param cutoffLsn the highest position the copy includes: its bases' and its applied changes'; 0 when none
     */
    public record BuiltCopy(List<RowState> rows, long cutoffLsn) {
        public BuiltCopy {
            rows = List.copyOf(rows);
        }
    }

    private CopyBuilder() {}

    /**
     * @param baseRows the rows of a piece's base copy (called only for pieces with a base; rows
     *     outside the piece are ignored)
     * @param changes the changes of a piece's keys after its base's cutoff (may hold more: other
     *     keys and times are filtered out here)
     */
    public static BuiltCopy build(CopyTask task, Instant cutoff, Function<CopySource, Iterable<RowState>> baseRows,
                                  Function<CopySource, Iterable<ChangeRecord>> changes) {
        List<RowState> rows = new ArrayList<>();
        long cutoffLsn = 0;
        for (CopySource source : task.sources()) {
            ChangeApplier applier = ChangeApplier.builder()
                    .after(source.after())
                    .upTo(cutoff)
                    .keysMatching(source.range()::contains)
                    .build();
            Iterable<RowState> base = source.base() == null ? List.of() : baseRows.apply(source);
            if (source.base() != null) {
                cutoffLsn = Math.max(cutoffLsn, source.base().cutoffLsn());
            }
            List<ChangeRecord> accepted = new ArrayList<>();
            for (ChangeRecord c : changes.apply(source)) {
                if (applier.accepts(c)) {
                    accepted.add(c);
                    cutoffLsn = Math.max(cutoffLsn, c.position().lsn());
                }
            }
            rows.addAll(applier.reconstruct(base, accepted));
        }
        rows.sort(Comparator.comparing(RowState::key, Comparator.<Key>naturalOrder()));
        return new BuiltCopy(rows, cutoffLsn);
    }
}
