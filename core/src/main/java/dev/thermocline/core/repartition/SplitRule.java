package dev.thermocline.core.repartition;

/** Where a hot partition is cut; see core/README.md for how the two compare. */
public enum SplitRule {
    /** At the sketch's heat median: both parts carry equal heat. */
    BALANCE_HEAT,
    /**
     * Long keys: where the access-weighted width (Σ heat × key width over the two parts, the keys a
     * restore of an accessed key reads) drops most. On evenly spread heat that is the median too;
     * on a hot region with a cold tail it is the region's edge, which the median never finds.
     * String keys have no width and fall back to {@link #BALANCE_HEAT}.
     */
    ISOLATE_HEAT
}
