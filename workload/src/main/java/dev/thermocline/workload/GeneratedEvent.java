package dev.thermocline.workload;

import java.time.Instant;

/**
 * One record the workload emits, in emission order.
 *
 * @param kind which stream it belongs to, and whether it is deliberately malformed
 * @param eventTime the event time it carries (for malformed records, the time it was emitted)
 * @param key the row key it concerns (the Kafka record key); null for malformed records without one
 * @param json the record's bytes as a producer would send them
 */
public record GeneratedEvent(Kind kind, Instant eventTime, String key, byte[] json) {

    public enum Kind {
        ACCESS,
        CHANGE,
        /** an exact re-send of an earlier change (at-least-once delivery) */
        DUPLICATE_CHANGE,
        BAD_ACCESS,
        BAD_CHANGE;

        public boolean isAccessStream() {
            return this == ACCESS || this == BAD_ACCESS;
        }

        public boolean isBad() {
            return this == BAD_ACCESS || this == BAD_CHANGE;
        }
    }
}
