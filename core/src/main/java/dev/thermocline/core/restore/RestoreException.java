package dev.thermocline.core.restore;

/**
 * A restore that cannot give a correct answer: the request cannot be planned (as-of before any
 * data, overlapping selections at different times, …) or what was read does not match what the
 * metadata promised. The message is one line that names the offending input; a restore that
 * throws it writes nothing.
 */
public class RestoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RestoreException(String message) {
        super(message);
    }

    public RestoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
