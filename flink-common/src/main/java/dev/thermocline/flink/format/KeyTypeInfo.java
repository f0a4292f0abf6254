package dev.thermocline.flink.format;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.LongKey;
import dev.thermocline.core.key.StringKey;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink type of the sealed {@link Key}: without it Flink falls back to Kryo. Serialized as a tag
 * byte (0 = long, 1 = string) and the value. Usable as a {@code keyBy} key: keys are records with
 * deterministic {@code hashCode}.
 */
public final class KeyTypeInfo extends TypeInformation<Key> {

    public static final KeyTypeInfo INSTANCE = new KeyTypeInfo();
    private static final long serialVersionUID = 1L;

    private KeyTypeInfo() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Key> getTypeClass() {
        return Key.class;
    }

    @Override
    public boolean isKeyType() {
        return true;
    }

    @Override
    public TypeSerializer<Key> createSerializer(SerializerConfig config) {
        return KeySerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "Key";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyTypeInfo;
    }

    @Override
    public int hashCode() {
        return KeyTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof KeyTypeInfo;
    }

    /** Tag byte then the value; keys are immutable, so copies are the same object. */
    public static final class KeySerializer extends TypeSerializerSingleton<Key> {

        public static final KeySerializer INSTANCE = new KeySerializer();
        private static final long serialVersionUID = 1L;
        private static final byte LONG = 0;
        private static final byte STRING = 1;

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public Key createInstance() {
            return Key.of(0L);
        }

        @Override
        public Key copy(Key from) {
            return from;
        }

        @Override
        public Key copy(Key from, Key reuse) {
            return from;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(Key key, DataOutputView out) throws IOException {
            if (key instanceof LongKey l) {
                out.writeByte(LONG);
                out.writeLong(l.value());
            } else {
                out.writeByte(STRING);
                StringValue.writeString(((StringKey) key).value(), out);
            }
        }

        @Override
        public Key deserialize(DataInputView in) throws IOException {
            byte tag = in.readByte();
            return switch (tag) {
                case LONG -> Key.of(in.readLong());
                case STRING -> Key.of(StringValue.readString(in));
                default -> throw new IOException("corrupt key: unknown tag " + tag);
            };
        }

        @Override
        public Key deserialize(Key reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            serialize(deserialize(in), out);
        }

        @Override
        public TypeSerializerSnapshot<Key> snapshotConfiguration() {
            return new KeySerializerSnapshot();
        }
    }

    /** Versioned snapshot so state written with this serializer restores after upgrades. */
    public static final class KeySerializerSnapshot extends SimpleTypeSerializerSnapshot<Key> {
        public KeySerializerSnapshot() {
            super(() -> KeySerializer.INSTANCE);
        }
    }
}
