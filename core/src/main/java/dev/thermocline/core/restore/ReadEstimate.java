package dev.thermocline.core.restore;

import java.io.Serializable;

/**
 * Data files a restore reads, as the metadata describes them.
 *
 * @param files data files
 * @param bytes their sizes, summed
 * @param records rows they hold (an upper bound on what the restore uses: files hold neighbours too)
 */
public record ReadEstimate(long files, long bytes, long records) implements Serializable {

    public static final ReadEstimate NONE = new ReadEstimate(0, 0, 0);

    public ReadEstimate {
        if (files < 0 || bytes < 0 || records < 0) {
            throw new IllegalArgumentException("read estimate cannot be negative: " + files + " files, "
                    + bytes + " bytes, " + records + " records");
        }
    }

    public ReadEstimate plus(ReadEstimate other) {
        return new ReadEstimate(files + other.files, bytes + other.bytes, records + other.records);
    }
}
