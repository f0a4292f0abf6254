package dev.thermocline.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermocline.embedded.EmbeddedKafka;
import dev.thermocline.flink.catalog.CatalogSettings;
import dev.thermocline.flink.catalog.IcebergCatalogs;
import dev.thermocline.testing.CheckpointedEnvironment;
import dev.thermocline.testing.FlinkMiniClusterExtension;
import dev.thermocline.testing.S3ProxyServer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.FlinkSink;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types.LongType;
import org.apache.iceberg.types.Types.NestedField;
import org.apache.iceberg.types.Types.StringType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole edge, for real: JSON records in a Kafka broker → a checkpointed Flink job (RocksDB,
 * keyed running count per key) → Iceberg's Flink sink → an Iceberg table, read back with Iceberg's
 * generic reader and Flink SQL, including time travel to the snapshot of an earlier run. Once on a
 * local warehouse, once on S3 (s3proxy).
 */
class KafkaToIcebergITCase {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaToIcebergITCase.class);
    private static final int FIRST_BATCH = 10_000;
    private static final int SECOND_BATCH = 4_000;
    private static final int KEYS = 50;
    private static final int PARTITIONS = 2;
    private static final TableIdentifier TABLE = TableIdentifier.of("thermocline", "edge_events");
    private static final Schema SCHEMA = new Schema(
            NestedField.required(1, "k", StringType.get()),
            NestedField.required(2, "v", LongType.get()),
            NestedField.required(3, "seen", LongType.get()));

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkMiniClusterExtension.create();

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        long start = System.nanoTime();
        kafka = new EmbeddedKafka().start();
        LOG.info("Kafka broker started in {} ms", millisSince(start));
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void localWarehouseHoldsExactlyTheKafkaRecordsAndTimeTravelsToTheFirstRun(@TempDir Path dir) throws Exception {
        CatalogSettings settings = CatalogSettings.embeddedDefault(dir.resolve("warehouse"));

        String location = proveEdge("edge-local", settings, dir);

        assertThat(location).startsWith(dir.toAbsolutePath().toString());
    }

    @Test
    void s3WarehouseHoldsExactlyTheKafkaRecordsAndTimeTravelsToTheFirstRun(@TempDir Path dir) throws Exception {
        long start = System.nanoTime();
        try (S3ProxyServer s3 = S3ProxyServer.start("edge-warehouse")) {
            LOG.info("s3proxy started in {} ms", millisSince(start));
            CatalogSettings settings = CatalogSettings.jdbcOnSqlite("thermocline", dir.resolve("catalog.db"),
                    s3.uri("wh"), s3.icebergProperties());

            String location = proveEdge("edge-s3", settings, dir);

            assertThat(location).isEqualTo(s3.uri("wh/thermocline/edge_events"));
            try (S3Client client = s3.client()) {
                List<String> keys = client.listObjectsV2Paginator(r -> r.bucket(s3.bucket()).prefix("wh/")).contents()
                        .stream().map(S3Object::key).toList();
                assertThat(keys).anyMatch(key -> key.startsWith("wh/thermocline/edge_events/data/") && key.endsWith(".parquet"))
                        .anyMatch(key -> key.startsWith("wh/thermocline/edge_events/metadata/") && key.endsWith(".metadata.json"));
            }
        }
    }

    /**
     * Two runs of the job over two batches; asserts the table's content and history and returns
     * its location.
     */
    private String proveEdge(String topic, CatalogSettings settings, Path dir) throws Exception {
        kafka.createTopic(topic, PARTITIONS);
        Catalog catalog = IcebergCatalogs.load(settings);
        try {
            ((SupportsNamespaces) catalog).createNamespace(TABLE.namespace());
            Table table = catalog.createTable(TABLE, SCHEMA);
            proveEdge(topic, table, settings, dir);
            return table.location();
        } finally {
            if (catalog instanceof Closeable closeable) {
                closeable.close();
            }
        }
    }

    private void proveEdge(String topic, Table table, CatalogSettings settings, Path dir) throws Exception {
        Random random = new Random(42);
        List<Event> firstBatch = events(0, FIRST_BATCH, random);
        Map<TopicPartition, Long> endOfFirstBatch = produce(topic, firstBatch);
        runJob(topic, OffsetsInitializer.earliest(), settings, dir.resolve("checkpoints-1"));

        table.refresh();
        Snapshot firstRun = table.currentSnapshot();
        List<EdgeRow> firstExpected = runningCounts(firstBatch);
        assertThat(readAll(table)).containsExactlyInAnyOrderElementsOf(firstExpected);
        assertThat(firstRun.summary()).containsKeys("flink.job-id", "flink.max-committed-checkpoint-id");

        List<Event> secondBatch = events(FIRST_BATCH, SECOND_BATCH, random);
        produce(topic, secondBatch);
        // The second run starts where the first stopped: each run counts only its own batch.
        runJob(topic, OffsetsInitializer.offsets(endOfFirstBatch), settings, dir.resolve("checkpoints-2"));

        table.refresh();
        List<EdgeRow> allExpected = new ArrayList<>(firstExpected);
        allExpected.addAll(runningCounts(secondBatch));
        assertThat(table.currentSnapshot().snapshotId()).isNotEqualTo(firstRun.snapshotId());
        assertThat(readAll(table)).containsExactlyInAnyOrderElementsOf(allExpected);

        // Time travel: by snapshot id and by time, the table is still what the first run left.
        assertThat(read(IcebergGenerics.read(table).useSnapshot(firstRun.snapshotId())))
                .containsExactlyInAnyOrderElementsOf(firstExpected);
        assertThat(read(IcebergGenerics.read(table).asOfTime(firstRun.timestampMillis())))
                .containsExactlyInAnyOrderElementsOf(firstExpected);
        long start = System.nanoTime();
        assertThat(readWithFlinkSql(settings, firstRun.snapshotId(), dir.resolve("checkpoints-sql")))
                .containsExactlyInAnyOrderElementsOf(firstExpected);
        LOG.info("Flink SQL time travel read took {} ms", millisSince(start));
    }

    private static void runJob(String topic, OffsetsInitializer startingOffsets, CatalogSettings settings, Path checkpoints)
            throws Exception {
        StreamExecutionEnvironment env = CheckpointedEnvironment.create(checkpoints);
        KafkaSource<Tuple2<String, Long>> source = KafkaSource.<Tuple2<String, Long>>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(topic)
                .setGroupId("edge-it")
                .setStartingOffsets(startingOffsets)
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(new EventJson()))
                .build();
        var rows = env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka-" + topic)
                .keyBy(event -> event.f0, Types.STRING)
                .process(new RunningCountPerKey())
                .returns(InternalTypeInfo.of(FlinkSchemaUtil.convert(SCHEMA)))
                .name("running-count");
        FlinkSink.forRowData(rows)
                .tableLoader(TableLoader.fromCatalog(IcebergCatalogs.flinkLoader(settings), TABLE))
                .writeParallelism(CheckpointedEnvironment.DEFAULT_PARALLELISM)
                .uidPrefix("iceberg-" + topic)
                .append();
        long start = System.nanoTime();
        env.execute("kafka-to-iceberg-" + topic);
        LOG.info("job over {} took {} ms", topic, millisSince(start));
    }

    private static List<EdgeRow> readWithFlinkSql(CatalogSettings settings, long snapshotId, Path checkpoints)
            throws Exception {
        StreamTableEnvironment tableEnv = StreamTableEnvironment.create(
                CheckpointedEnvironment.create(checkpoints), EnvironmentSettings.inBatchMode());
        IcebergCatalogs.register(tableEnv, settings);
        tableEnv.executeSql("USE CATALOG `" + settings.name() + "`");
        TableResult result = tableEnv.executeSql("SELECT k, v, seen FROM `" + TABLE.namespace() + "`.`" + TABLE.name()
                + "` /*+ OPTIONS('snapshot-id'='" + snapshotId + "') */");
        List<EdgeRow> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            it.forEachRemaining(row -> rows.add(new EdgeRow(
                    (String) row.getField("k"), (Long) row.getField("v"), (Long) row.getField("seen"))));
        }
        return rows;
    }

    // ---- the independent oracle and the test data ----

    record Event(String key, long value) {
        String json() {
            return "{\"k\":\"" + key + "\",\"v\":" + value + "}";
        }
    }

    record EdgeRow(String k, long v, long seen) {}

    /** {@code count} events numbered from {@code first}, on {@value #KEYS} keys chosen at random (skewed). */
    private static List<Event> events(long first, int count, Random random) {
        List<Event> events = new ArrayList<>(count);
        for (long n = first; n < first + count; n++) {
            int key = (int) Math.floor(KEYS * Math.pow(random.nextDouble(), 2)); // low keys are hot
            events.add(new Event("key-" + key, n));
        }
        return events;
    }

    /** Each event with how many events of its key were seen so far in the batch (itself included). */
    private static List<EdgeRow> runningCounts(List<Event> batch) {
        Map<String, Long> counts = new HashMap<>();
        return batch.stream()
                .map(e -> new EdgeRow(e.key(), e.value(), counts.merge(e.key(), 1L, Long::sum)))
                .toList();
    }

    /** Produces the batch keyed by event key (so one key's events stay in order) and returns the end offsets. */
    private static Map<TopicPartition, Long> produce(String topic, List<Event> batch)
            throws ExecutionException, InterruptedException {
        long start = System.nanoTime();
        Map<TopicPartition, Long> endOffsets = new HashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
            for (Event event : batch) {
                sent.add(producer.send(new ProducerRecord<>(topic, event.key(), event.json())));
            }
            for (var future : sent) {
                var metadata = future.get();
                endOffsets.merge(new TopicPartition(topic, metadata.partition()), metadata.offset() + 1, Math::max);
            }
        }
        for (int p = 0; p < PARTITIONS; p++) {
            endOffsets.putIfAbsent(new TopicPartition(topic, p), 0L);
        }
        LOG.info("produced {} records to {} in {} ms", batch.size(), topic, millisSince(start));
        return endOffsets;
    }

    // ---- reading ----

    private static List<EdgeRow> readAll(Table table) throws IOException {
        return read(IcebergGenerics.read(table));
    }

    private static List<EdgeRow> read(IcebergGenerics.ScanBuilder scan) throws IOException {
        List<EdgeRow> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = scan.build()) {
            for (Record record : records) {
                rows.add(new EdgeRow((String) record.getField("k"), (Long) record.getField("v"), (Long) record.getField("seen")));
            }
        }
        return rows;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    // ---- the job's functions ----

    /** {"k": "...", "v": n} → (k, v). */
    static final class EventJson implements DeserializationSchema<Tuple2<String, Long>> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public Tuple2<String, Long> deserialize(byte[] message) throws IOException {
            JsonNode node = JSON.readTree(new String(message, StandardCharsets.UTF_8));
            return Tuple2.of(node.get("k").asText(), node.get("v").asLong());
        }

        @Override
        public boolean isEndOfStream(Tuple2<String, Long> next) {
            return false;
        }

        @Override
        public TypeInformation<Tuple2<String, Long>> getProducedType() {
            return Types.TUPLE(Types.STRING, Types.LONG);
        }
    }

    /** Emits each event as a row (k, v, seen) where seen is the key's running count, kept in keyed state. */
    static final class RunningCountPerKey extends KeyedProcessFunction<String, Tuple2<String, Long>, RowData> {
        private transient ValueState<Long> seen;

        @Override
        public void open(OpenContext context) {
            seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.LONG));
        }

        @Override
        public void processElement(Tuple2<String, Long> event, Context ctx, Collector<RowData> out) throws IOException {
            long count = (seen.value() == null ? 0L : seen.value()) + 1;
            seen.update(count);
            out.collect(GenericRowData.of(StringData.fromString(event.f0), event.f1, count));
        }
    }
}
