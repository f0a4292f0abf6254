package dev.thermocline.flink.format;

import dev.thermocline.core.access.AccessRecord;
import dev.thermocline.core.change.ChangeRecord;
import dev.thermocline.core.key.Key;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;

/**
 * Flink types of the core records the parsers produce, with no Kryo fallback: Flink reads records as
 * POJOs, but a field of the sealed {@link Key} type would be a Kryo generic type, so those fields get
 * {@link KeyTypeInfo}. Pass these to {@link ParseFunction} and to {@code returns(...)}.
 */
public final class CoreTypes {

    private CoreTypes() {}

    public static TypeInformation<AccessRecord> accessRecord() {
        return TypeInformation.of(AccessRecord.class);
    }

    public static TypeInformation<ChangeRecord> changeRecord() {
        return withKeyType(ChangeRecord.class);
    }

    public static TypeInformation<Key> key() {
        return KeyTypeInfo.INSTANCE;
    }

    /** The POJO type of {@code type} with every {@link Key} field typed by {@link KeyTypeInfo}. */
    public static <T> TypeInformation<T> withKeyType(Class<T> type) {
        TypeInformation<T> extracted = TypeInformation.of(type);
        if (!(extracted instanceof PojoTypeInfo<T> pojo)) {
            throw new IllegalArgumentException(type.getName() + " is not a Flink POJO or record: " + extracted);
        }
        List<PojoField> fields = new ArrayList<>();
        for (int i = 0; i < pojo.getArity(); i++) {
            PojoField f = pojo.getPojoFieldAt(i);
            fields.add(f.getField().getType() == Key.class ? new PojoField(f.getField(), KeyTypeInfo.INSTANCE) : f);
        }
        return new PojoTypeInfo<>(type, fields);
    }
}
