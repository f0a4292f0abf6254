package dev.thermocline.core.input;

/** The outcome of parsing one input record: a value, or a dead letter with its reason. */
public sealed interface Parsed<T> {

    record Ok<T>(T value) implements Parsed<T> {}

    record Rejected<T>(DeadLetter deadLetter) implements Parsed<T> {}

    static <T> Parsed<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Parsed<T> rejected(DeadLetter deadLetter) {
        return new Rejected<>(deadLetter);
    }
}
