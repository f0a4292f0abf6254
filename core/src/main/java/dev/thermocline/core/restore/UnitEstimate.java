package dev.thermocline.core.restore;

import java.io.Serializable;

/**
 * What one restore unit reads: its base copies' files and its change-log files.
 *
 * @param unit the unit's index in its plan
 * @param base files of the backup copies
 * @param changes files of the change log (records = changes scanned, an upper bound on those replayed)
 */
public record UnitEstimate(int unit, ReadEstimate base, ReadEstimate changes) implements Serializable {

    public ReadEstimate total() {
        return base.plus(changes);
    }
}
