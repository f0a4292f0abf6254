package dev.thermocline.heatmap;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where a job writes one of its streams: a Flink {@link Sink}, or a small topology ending in one
 * (Iceberg's {@code FlinkSink} is built around its input stream, so it cannot be passed as a plain
 * {@code Sink}). Production plugs in Iceberg and Kafka; tests may plug in anything.
 */
@FunctionalInterface
public interface JobOutput<T> {

    void attach(DataStream<T> stream);

    /** Writes the stream into {@code sink}, under a stable uid for savepoints. */
    static <T> JobOutput<T> of(Sink<T> sink, String name) {
        return stream -> stream.sinkTo(sink).name(name).uid(name);
    }
}
