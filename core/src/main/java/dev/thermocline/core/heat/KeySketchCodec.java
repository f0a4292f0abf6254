package dev.thermocline.core.heat;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.key.StringKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The byte form of a {@link KeySketch}: its {@link KeySketchView} (retained keys ascending, each
 * with its weight) plus k. Reading it back re-inserts each key with its weight, which restores the
 * same weighted multiset, hence the same ranks.
 *
 * <pre>
 * 'K' 1 type('L'|'S') varint(k) varint(entries)
 * keys:    long   zigzag-varint(first), then varint(key[i] - key[i-1]) (unsigned, > 0)
 *          string per key: varint(bytes shared with the previous key's UTF-8) varint(suffix length) suffix
 * weights: varint each (> 0)
 * </pre>
 *
 * Sorted keys make the deltas and shared prefixes small: a full long sketch is ~2–3 KB.
 */
final class KeySketchCodec {

    private static final byte MAGIC = 'K';
    private static final byte VERSION = 1;
    private static final byte LONG_KEYS = 'L';
    private static final byte STRING_KEYS = 'S';

    record Decoded(int k, KeySketchView view) {}

    private KeySketchCodec() {}

    static byte[] encode(KeyType keyType, int k, KeySketchView view) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + view.size() * 4);
        out.write(MAGIC);
        out.write(VERSION);
        out.write(keyType == KeyType.LONG ? LONG_KEYS : STRING_KEYS);
        writeVarint(out, k);
        writeVarint(out, view.size());
        byte[] previous = new byte[0];
        for (int i = 0; i < view.size(); i++) {
            if (keyType == KeyType.LONG) {
                long value = ((LongKey) view.key(i)).value();
                writeVarint(out, i == 0 ? zigzag(value) : value - ((LongKey) view.key(i - 1)).value());
            } else {
                byte[] utf8 = ((StringKey) view.key(i)).value().getBytes(StandardCharsets.UTF_8);
                int shared = Arrays.mismatch(previous, utf8);
                shared = shared < 0 ? utf8.length : Math.min(shared, utf8.length);
                writeVarint(out, shared);
                writeVarint(out, utf8.length - shared);
                out.write(utf8, shared, utf8.length - shared);
                previous = utf8;
            }
        }
        for (int i = 0; i < view.size(); i++) {
            writeVarint(out, view.weight(i));
        }
        return out.toByteArray();
    }

    static Decoded decode(KeyType keyType, byte[] bytes) {
        Reader in = new Reader(bytes);
        if (in.readByte() != MAGIC) {
            throw new IllegalArgumentException("key sketch: " + bytes.length + " bytes do not start with 'K': not a key sketch");
        }
        int version = in.readByte();
        if (version != VERSION) {
            throw new IllegalArgumentException("key sketch: format version " + version + " is not supported (expected " + VERSION + ")");
        }
        byte type = in.readByte();
        KeyType stored = switch (type) {
            case LONG_KEYS -> KeyType.LONG;
            case STRING_KEYS -> KeyType.STRING;
            default -> throw new IllegalArgumentException("key sketch: unknown key type tag " + type);
        };
        if (stored != keyType) {
            throw new IllegalArgumentException("key sketch holds " + stored.configName() + " keys but the table has "
                    + keyType.configName() + " keys");
        }
        long k = in.readVarint();
        if (k < 8 || k > 65_535) {
            throw new IllegalArgumentException("key sketch: k " + k + " is outside [8, 65535]");
        }
        long entries = in.readVarint();
        if (entries > in.remaining()) {
            throw new IllegalArgumentException("key sketch: " + entries + " entries cannot fit in " + in.remaining() + " bytes");
        }
        List<Key> keys = new ArrayList<>((int) entries);
        byte[] previous = new byte[0];
        long last = 0;
        for (int i = 0; i < entries; i++) {
            if (keyType == KeyType.LONG) {
                last = i == 0 ? unzigzag(in.readVarint()) : last + in.readVarint();
                keys.add(Key.of(last));
            } else {
                int shared = in.readLength(previous.length, "shared prefix");
                int suffix = in.readLength(in.remaining(), "suffix");
                byte[] utf8 = Arrays.copyOf(previous, shared + suffix);
                in.readInto(utf8, shared, suffix);
                keys.add(Key.of(new String(utf8, StandardCharsets.UTF_8)));
                previous = utf8;
            }
        }
        long[] weights = new long[(int) entries];
        for (int i = 0; i < entries; i++) {
            weights[i] = in.readVarint();
        }
        if (in.remaining() != 0) {
            throw new IllegalArgumentException("key sketch: " + in.remaining() + " unexpected bytes after the last weight");
        }
        try {
            return new Decoded((int) k, new KeySketchView(keyType, keys, weights));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key sketch is corrupt: " + e.getMessage(), e);
        }
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Bounds-checked reads whose errors say where the bytes ended. */
    private static final class Reader {
        private final byte[] bytes;
        private int pos;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int remaining() {
            return bytes.length - pos;
        }

        byte readByte() {
            if (pos >= bytes.length) {
                throw truncated();
            }
            return bytes[pos++];
        }

        long readVarint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = readByte();
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("key sketch: varint longer than 10 bytes at byte " + pos);
        }

        int readLength(int max, String what) {
            long v = readVarint();
            if (v > max) {
                throw new IllegalArgumentException("key sketch: " + what + " length " + v + " exceeds " + max + " at byte " + pos);
            }
            return (int) v;
        }

        void readInto(byte[] target, int offset, int length) {
            if (length > remaining()) {
                throw truncated();
            }
            System.arraycopy(bytes, pos, target, offset, length);
            pos += length;
        }

        private IllegalArgumentException truncated() {
            return new IllegalArgumentException("key sketch is truncated: " + bytes.length + " bytes end inside an entry");
        }
    }
}
