package dev.thermocline.benchmarks.heatmap;

import dev.thermocline.workload.GeneratedEvent;
import dev.thermocline.workload.WorkloadGenerator;
import dev.thermocline.workload.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The benchmark's input: the demo workload's accesses (Zipf around a moving hotspot, 5% out of
 * order by up to 20 s) as access-log JSON with epoch-millis timestamps, so the SQL baseline's JSON
 * format reads the very same records as a BIGINT. One Kafka partition: both jobs run at parallelism 1.
 */
final class BenchmarkInput {

    private static final String[][] COLUMNS = {{"status"}, {"status", "total"}, {"total"}, {"customer"}};

    private BenchmarkInput() {}

    /** Produces {@code events} accesses to {@code topic}; returns how many bytes were sent. */
    static long produce(String bootstrapServers, String topic, long events, long seed) {
        WorkloadSpec spec = WorkloadSpec.orders(seed).withEvents(events, 0).withInitialRows(0);
        WorkloadGenerator generator = new WorkloadGenerator(spec, change -> { });
        long bytes = 0;
        long n = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            while (generator.hasNext()) {
                GeneratedEvent e = generator.next();
                if (e.kind() != GeneratedEvent.Kind.ACCESS) {
                    continue;
                }
                String[] columns = COLUMNS[(int) (n % COLUMNS.length)];
                byte[] json = ("{\"timestamp\":" + e.eventTime().toEpochMilli() + ",\"table_name\":\"orders\",\"partition_key\":\""
                        + e.key() + "\",\"accessed_columns\":[\"" + String.join("\",\"", columns) + "\"],\"op\":\""
                        + (n % 5 == 0 ? "write" : "read") + "\"}").getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, 0, null, json));
                bytes += json.length;
                n++;
            }
            producer.flush();
        }
        return bytes;
    }
}
