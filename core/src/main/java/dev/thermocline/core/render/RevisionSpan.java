package dev.thermocline.core.render;

import dev.thermocline.core.partition.PartitionMap;
import java.time.Instant;

/**
 * A partition-map revision and the part of the picture's time span it was in force for.
 *
 * @param from when it took effect, or the picture's start if earlier
 * @param to when the next revision took effect, or the picture's end if later
 */
public record RevisionSpan(PartitionMap map, Instant from, Instant to) {}
