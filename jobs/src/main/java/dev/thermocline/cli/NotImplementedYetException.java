package dev.thermocline.cli;

/** A command of the contract whose implementation a later issue delivers; exits with {@link ExitCode#NOT_IMPLEMENTED}. */
public class NotImplementedYetException extends RuntimeException {

    public NotImplementedYetException(String message) {
        super(message);
    }
}
