package dev.thermocline.cli.demo;

import dev.thermocline.flink.kafka.KafkaSettings;
import dev.thermocline.workload.GeneratedEvent;
import dev.thermocline.workload.Workload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces the generated workload to Kafka the way the real sources would: access records to the
 * access-log topic and Debezium change events to the change topic, each keyed by its row key (so a
 * key's changes stay in order on one partition), malformed records included. Each phase is what was
 * emitted in a span of event time; it reports the offsets it spans so the jobs can read exactly it.
 */
public final class DemoFeed implements AutoCloseable {

    /** Partitions per topic: one per local slot, so both source readers have work. */
    static final int PARTITIONS = 2;

    private final KafkaSettings kafka;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;

    public DemoFeed(KafkaSettings kafka) throws Exception {
        this.kafka = kafka;
        this.admin = Admin.create(kafka.clientProperties());
        for (String topic : List.of(kafka.topics().access(), changeTopic(), kafka.topics().deadLetters())) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        Properties p = kafka.clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Produces every event emitted in [from, to), in emission order, and waits until all are acknowledged. */
    public Phase produce(Workload workload, Instant from, Instant to) throws Exception {
        Map<TopicPartition, Long> start = endOffsets();
        long accesses = 0;
        long changes = 0;
        long bad = 0;
        for (GeneratedEvent e : workload.events()) {
            Instant t = emittedAt(e, workload);
            if (t.isBefore(from) || !t.isBefore(to)) {
                continue;
            }
            String topic = e.kind().isAccessStream() ? kafka.topics().access() : changeTopic();
            byte[] key = e.key() == null ? null : e.key().getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(topic, key, e.json()));
            accesses += e.kind().isAccessStream() ? 1 : 0;
            changes += e.kind().isAccessStream() ? 0 : 1;
            bad += e.kind().isBad() ? 1 : 0;
        }
        producer.flush();
        Map<TopicPartition, Long> end = endOffsets();
        long produced = end.entrySet().stream().mapToLong(x -> x.getValue() - start.getOrDefault(x.getKey(), 0L)).sum();
        if (produced != accesses + changes) {
            throw new IllegalStateException("Kafka holds " + produced + " new records, expected " + (accesses + changes));
        }
        return new Phase(only(start, kafka.topics().access()), only(end, kafka.topics().access()),
                only(start, changeTopic()), only(end, changeTopic()), accesses, changes, bad);
    }

    /** Dead letters the jobs wrote to the dead-letter topic (zero when they write to the table instead). */
    public long deadLetterCount() throws Exception {
        return endOffsets().entrySet().stream().filter(e -> e.getKey().topic().equals(kafka.topics().deadLetters()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    public String changeTopic() {
        return kafka.topics().changes().get(0);
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : List.of(kafka.topics().access(), changeTopic(), kafka.topics().deadLetters())) {
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Map<TopicPartition, Long> only(Map<TopicPartition, Long> offsets, String topic) {
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Phases are cut by event time; an out-of-order access belongs to the phase of its own timestamp,
     * which only moves it a few seconds, and malformed records carry their emission time.
     */
    private static Instant emittedAt(GeneratedEvent e, Workload w) {
        return e.eventTime().isBefore(w.spec().start()) ? w.spec().start() : e.eventTime();
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }

    /** One phase on the topics: per partition, the offsets it starts at and ends before, and what it holds. */
    public record Phase(Map<TopicPartition, Long> accessFrom, Map<TopicPartition, Long> accessTo,
                        Map<TopicPartition, Long> changesFrom, Map<TopicPartition, Long> changesTo,
                        long accessRecords, long changeEvents, long malformed) {}
}
