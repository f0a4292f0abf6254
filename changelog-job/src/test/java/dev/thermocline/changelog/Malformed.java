package dev.thermocline.changelog;

import dev.thermocline.workload.GeneratedEvent;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Turns a valid change event into one that must be rejected, in one of several ways a real stream
 * breaks: cut short, not UTF-8, wrong op, unknown table, no key, key of the wrong type, not an object.
 * Each mutation is chosen so that no outcome can still parse.
 */
final class Malformed {

    private Malformed() {}

    static GeneratedEvent mutate(GeneratedEvent event, Random random) {
        String json = new String(event.json(), StandardCharsets.UTF_8);
        byte[] bad = switch (random.nextInt(7)) {
            case 0 -> utf8(json.substring(0, 1 + random.nextInt(json.length() - 1)));
            case 1 -> concat(new byte[] {(byte) 0xff, (byte) 0xfe}, event.json());
            case 2 -> utf8(json.replaceAll("\"op\":\"[cudr]\"", "\"op\":\"q\""));
            case 3 -> utf8(json.replace("\"table\":\"orders\"", "\"table\":\"no_such_table\""));
            case 4 -> utf8(json.replace("\"id\":", "\"no_id\":"));
            case 5 -> utf8(json.replaceAll("\"id\":(\\d+)", "\"id\":\"k$1x\""));
            default -> utf8("[" + json + "]");
        };
        return new GeneratedEvent(GeneratedEvent.Kind.BAD_CHANGE, event.eventTime(), event.key(), bad);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
