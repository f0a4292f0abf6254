package dev.thermocline.flink.format;

/**
 * Thrown inside a parser to abandon a record with a reason; caught at the parser's entry and
 * turned into a dead letter. No stack trace: rejections are data, not bugs.
 */
final class RejectedInput extends Exception {

    RejectedInput(String reason) {
        super(reason, null, false, false);
    }
}
