package dev.thermocline.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A Flink cluster's REST endpoint, {@code --cluster HOST:PORT}. */
public record ClusterAddress(String host, int port) {

    public ClusterAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("cluster host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("cluster port " + port + " is not between 1 and 65535");
        }
    }

    /** Reads {@code HOST:PORT}; the message names the text. */
    public static ClusterAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not HOST:PORT: port '" + text.substring(colon + 1) + "' is not a number");
        }
        try {
            return new ClusterAddress(text.substring(0, colon), port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }

    /** picocli's hook for {@code --cluster}. */
    static final class Converter implements ITypeConverter<ClusterAddress> {
        @Override
        public ClusterAddress convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
