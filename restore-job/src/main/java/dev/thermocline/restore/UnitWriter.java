package dev.thermocline.restore;

import dev.thermocline.core.reconstruct.RowState;
import java.io.IOException;

/** Where one unit's rows go, in key order; nothing is visible to readers until the output commits. */
public interface UnitWriter extends AutoCloseable {

    void write(RowState row) throws IOException;

    /** Finishes the unit's output and describes it for {@link RestoreOutput#commit}. */
    String finish() throws IOException;

    /** Releases resources; after a failure also removes what was written. */
    @Override
    void close() throws IOException;
}
