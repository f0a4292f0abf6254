package dev.thermocline.core.key;

/** A key's text does not fit the table's key type; the message names the offending text. */
public class InvalidKeyException extends IllegalArgumentException {
    public InvalidKeyException(String message) {
        super(message);
    }
}
