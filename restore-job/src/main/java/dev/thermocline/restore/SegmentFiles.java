package dev.thermocline.restore;

import dev.thermocline.core.restore.ReadEstimate;
import java.io.Serializable;
import java.util.List;

/**
 * The files one restore segment reads (bytes in its estimates: what reading the projected columns takes): its base copy's files in {@code backups} (none without a
 * base) and the {@code changelog} files its pushed-down scan selected.
 */
public record SegmentFiles(List<PlannedFile> base, List<PlannedFile> changes) implements Serializable {

    public SegmentFiles {
        base = List.copyOf(base);
        changes = List.copyOf(changes);
    }

    public ReadEstimate baseEstimate() {
        return estimate(base);
    }

    public ReadEstimate changeEstimate() {
        return estimate(changes);
    }

    static ReadEstimate estimate(List<PlannedFile> files) {
        long bytes = 0;
        long records = 0;
        for (PlannedFile f : files) {
            bytes += f.readBytes();
            records += f.records();
        }
        return new ReadEstimate(files.size(), bytes, records);
    }
}
