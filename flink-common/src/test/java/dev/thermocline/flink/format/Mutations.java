package dev.thermocline.flink.format;

import java.util.Arrays;
import java.util.Random;

/** Random damage to valid records, for the parsers' never-throw tests. Seeded: failures replay. */
final class Mutations {

    private static final byte[] INTERESTING = "{}[]\":,0123456789-+.eE \n\\tfnul\u00e9x".getBytes(
            java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[][] TOKENS = {
        "null".getBytes(), "true".getBytes(), "\"\"".getBytes(), "{}".getBytes(), "[]".getBytes(),
        "1.5".getBytes(), "-1".getBytes(), "99999999999999999999999".getBytes(), "\"abc\"".getBytes(),
        "1e400".getBytes(), "{\"a\":".getBytes(), "\"\\u0000\"".getBytes(), {(byte) 0xC3}, {(byte) 0xFF},
    };

    private final Random random;

    Mutations(long seed) {
        this.random = new Random(seed);
    }

    /** One to three mutations of {@code valid}: truncate, flip, insert, delete, splice a token, duplicate a span. */
    byte[] mutate(byte[] valid) {
        byte[] b = valid;
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            b = once(b);
        }
        return b;
    }

    private byte[] once(byte[] b) {
        if (b.length == 0) {
            return TOKENS[random.nextInt(TOKENS.length)].clone();
        }
        int at = random.nextInt(b.length);
        switch (random.nextInt(6)) {
            case 0:
                return Arrays.copyOf(b, at);
            case 1: {
                byte[] c = b.clone();
                c[at] = random.nextBoolean() ? (byte) random.nextInt(256) : INTERESTING[random.nextInt(INTERESTING.length)];
                return c;
            }
            case 2:
                return splice(b, at, at, new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]});
            case 3:
                return splice(b, at, Math.min(b.length, at + 1 + random.nextInt(8)), new byte[0]);
            case 4:
                return splice(b, at, Math.min(b.length, at + random.nextInt(12)), TOKENS[random.nextInt(TOKENS.length)]);
            default: {
                int end = Math.min(b.length, at + 1 + random.nextInt(24));
                return splice(b, end, end, Arrays.copyOfRange(b, at, end));
            }
        }
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] c = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, c, 0, from);
        System.arraycopy(insert, 0, c, from, insert.length);
        System.arraycopy(b, to, c, from + insert.length, b.length - to);
        return c;
    }
}
