package dev.thermocline.core.repartition;

/** How hot a partition is relative to the rest of its table; only hot ones split, only cold ones merge. */
public enum HeatClass {
    COLD,
    WARM,
    HOT
}
