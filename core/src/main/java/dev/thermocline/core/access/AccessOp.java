package dev.thermocline.core.access;

import java.util.Locale;

/** What an access did to the row; {@link #UNSPECIFIED} when the access log does not say. */
public enum AccessOp {
    READ,
    WRITE,
    UNSPECIFIED;

    /** {@code read} / {@code write} (any case); null or blank means unspecified. */
    public static AccessOp fromName(String name) {
        if (name == null || name.isBlank()) {
            return UNSPECIFIED;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "read" -> READ;
            case "write" -> WRITE;
            default -> throw new IllegalArgumentException("op '" + name + "' is not read or write");
        };
    }
}
