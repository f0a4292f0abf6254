package dev.thermocline.flink.format;

import dev.thermocline.core.input.Parsed;
import java.io.Serializable;

/**
 * Turns one raw input record into a value or a dead letter; never throws for bad input.
 * Serializable so a parser can be handed to a Flink function as is.
 */
public interface RecordParser<T> extends Serializable {

    Parsed<T> parse(SourceRecord record);

    /**
     * True for records that carry no information and are dropped (and counted) rather than parsed
     * or dead-lettered, e.g. a Kafka tombstone on a change topic. {@link #parse} still rejects them
     * when asked, so a direct caller never loses a record silently.
     */
    default boolean skips(SourceRecord record) {
        return false;
    }
}
