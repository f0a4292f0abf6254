package dev.thermocline.flink.config;

/**
 * The configuration cannot be used as given: an unreadable or missing file, an unknown key, or an
 * invalid value. The message is one line naming the key path, the value and where it came from.
 */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
