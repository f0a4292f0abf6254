package dev.thermocline.repartition;

import dev.thermocline.core.repartition.RepartitionEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.util.InstantiationUtil;

/**
 * The engine in Flink state as Java-serialized bytes: {@link RepartitionEngine} is Serializable by
 * design (its sketches write their compact form), and a byte array keeps Flink from falling back to
 * Kryo for a graph of core classes. Once per interval, a few KB per partition.
 */
final class EngineBytes {

    private EngineBytes() {}

    static byte[] of(RepartitionEngine engine) {
        try {
            return InstantiationUtil.serializeObject(engine);
        } catch (IOException e) {
            throw new UncheckedIOException("serializing the repartition engine of '" + engine.currentMap().tableName()
                    + "' failed", e);
        }
    }

    static RepartitionEngine engine(byte[] bytes) {
        try {
            return InstantiationUtil.deserializeObject(bytes, RepartitionEngine.class.getClassLoader());
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("the repartition engine in Flink state cannot be read ("
                    + e.getMessage() + "); a state written by an incompatible version? restart without state", e);
        }
    }
}
