package dev.thermocline.repartition;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that hands the job's {@link PlanRound}s to the test in the same JVM (the MiniCluster runs
 * in-process). Survives job restarts and savepoint restores, unlike the collect sink.
 */
final class RoundsCollector implements Sink<PlanRound>, Serializable {

    private static final Map<String, List<PlanRound>> ROUNDS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    RoundsCollector() {
        ROUNDS.put(id, new CopyOnWriteArrayList<>());
    }

    List<PlanRound> rounds() {
        return ROUNDS.get(id);
    }

    @Override
    public SinkWriter<PlanRound> createWriter(WriterInitContext context) {
        List<PlanRound> target = ROUNDS.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(PlanRound round, Context ctx) {
                target.add(round);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
