package dev.thermocline.workload;

/**
 * From {@code fromFraction} of the run on (0.0 = start, 1.0 = end), accesses and writes cluster
 * around {@code centerKey}.
 */
public record HotspotPhase(double fromFraction, long centerKey) {
    public HotspotPhase {
        if (fromFraction < 0 || fromFraction >= 1) {
            throw new IllegalArgumentException("hotspot phase must start in [0, 1), was " + fromFraction);
        }
    }
}
