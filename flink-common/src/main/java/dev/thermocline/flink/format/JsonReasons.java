package dev.thermocline.flink.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/** Dead-letter reason texts shared by the JSON parsers. */
final class JsonReasons {

    /** Reasons are read by people and stored per record: keep them to a line. */
    static final int MAX_REASON_CHARS = 300;

    private JsonReasons() {}

    static String malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0
                ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return clip("malformed JSON" + where + ": " + firstLine(e.getOriginalMessage()));
    }

    static String oversized(int size, int limit) {
        return "record of " + size + " bytes exceeds the limit of " + limit + " bytes";
    }

    /** What a JSON value is, for "expected X, found Y" reasons. */
    static String kind(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    /** Quotes a value from the input for a reason, cut so one bad record cannot bloat the dead letter. */
    static String quote(String text) {
        return "'" + (text.length() > 64 ? text.substring(0, 64) + "…" : text) + "'";
    }

    static String clip(String reason) {
        return reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) + "…" : reason;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
