package dev.thermocline.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) running in this JVM on
 * loopback. Used by tests and by {@code thermocline demo}, so it uses the production server class
 * ({@link KafkaRaftServer}) on a log directory formatted the way {@code kafka-storage format} does.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
 *     kafka.createTopic("access", 2);
 *     ... kafka.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int BIND_ATTEMPTS = 3;

    private final Path dataDir;
    private final boolean ownsDataDir;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;
    private String bootstrapServers;

    /** A broker whose data lives in a fresh temporary directory, deleted on {@link #close()}. */
    public EmbeddedKafka() {
        this(createTempDir(), true, Map.of());
    }

    /**
     * A broker whose data lives in {@code dataDir} (created if missing, kept on close, reused if
     * already formatted). {@code overrides} are broker properties applied last.
     */
    public EmbeddedKafka(Path dataDir, Map<String, String> overrides) {
        this(dataDir, false, overrides);
    }

    private EmbeddedKafka(Path dataDir, boolean ownsDataDir, Map<String, String> overrides) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir is required.").toAbsolutePath();
        this.ownsDataDir = ownsDataDir;
        this.overrides = Map.copyOf(Objects.requireNonNull(overrides, "overrides is required."));
    }

    /** Formats the log directory if needed and starts the broker; returns once it accepts clients. */
    public synchronized EmbeddedKafka start() {
        if (server != null) {
            throw new IllegalStateException("EmbeddedKafka in " + dataDir + " is already started");
        }
        long startNanos = System.nanoTime();
        formatIfNew();
        RuntimeException lastFailure = null;
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            int brokerPort = FreePorts.next();
            int controllerPort = FreePorts.next();
            KafkaConfig config = new KafkaConfig(brokerProperties(brokerPort, controllerPort), false);
            try {
                KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
                try {
                    candidate.startup();
                } catch (RuntimeException e) {
                    shutDownQuietly(candidate);
                    throw e;
                }
                server = candidate;
                bootstrapServers = "127.0.0.1:" + brokerPort;
                LOG.info("Kafka broker up at {} (data in {}) after {} ms",
                        bootstrapServers, dataDir, (System.nanoTime() - startNanos) / 1_000_000);
                return this;
            } catch (RuntimeException e) {
                // Most likely another process took one of the ports between probe and bind.
                LOG.warn("Kafka broker start attempt {} failed on ports {}/{}", attempt, brokerPort, controllerPort, e);
                lastFailure = e;
            }
        }
        throw new IllegalStateException("Kafka broker in " + dataDir + " did not start after "
                + BIND_ATTEMPTS + " attempts", lastFailure);
    }

    /** {@code host:port} for the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("EmbeddedKafka is not started");
        }
        return bootstrapServers;
    }

    /** Creates a topic with replication factor 1; a topic that already exists is left as it is. */
    public void createTopic(String name, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("topic '" + name + "' needs at least 1 partition, got " + partitions);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic '" + name + "'", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic '" + name + "'", e);
        }
    }

    /** The directory holding the broker's logs and metadata. */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker and, if this instance created its data directory, deletes it. */
    @Override
    public synchronized void close() {
        if (server != null) {
            shutDownQuietly(server);
            server = null;
            bootstrapServers = null;
        }
        if (ownsDataDir) {
            deleteRecursively(dataDir);
        }
    }

    private Properties brokerProperties(int brokerPort, int controllerPort) {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", dataDir.toString());
        // One node: every internal topic must live with replication factor 1.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        props.putAll(overrides);
        Properties properties = new Properties();
        properties.putAll(props);
        return properties;
    }

    /** What {@code kafka-storage format} does, with a production metadata version; a formatted dir is reused. */
    private void formatIfNew() {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            new Formatter()
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dataDir.toString()) // one log dir: it also holds the metadata log
                    .setDirectories(List.of(dataDir.toString()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka log directory " + dataDir, e);
        }
    }

    private static void shutDownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka broker did not shut down cleanly", e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("thermocline-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory for Kafka", e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}", root, e);
        }
    }
}
