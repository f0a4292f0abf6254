package dev.thermocline.flink.deadletter;

import dev.thermocline.core.input.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side output every parsing operator sends its rejected records to. */
public final class DeadLetters {

    /**
     * DeadLetter is a record of (String, String, byte[], Instant), which Flink 2.0 serializes with its
     * POJO serializer; {@code DeadLettersTest} keeps it from falling back to Kryo.
     */
    public static final TypeInformation<DeadLetter> TYPE = TypeInformation.of(DeadLetter.class);

    public static final OutputTag<DeadLetter> TAG = new OutputTag<>("dead-letters", TYPE);

    private DeadLetters() {}
}
