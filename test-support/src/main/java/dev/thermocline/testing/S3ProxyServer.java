package dev.thermocline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.thermocline.embedded.FreePorts;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 endpoint for tests: s3proxy run as a separate JVM ({@code java -jar s3proxy.jar
 * --properties s3proxy.conf}) with its filesystem backend in a temporary directory, on a free
 * port of 127.0.0.1, with AWS signature auth and one bucket created up front.
 *
 * <p>Clients must not use AWS SDK 2.40's default checksums against it (s3proxy answers 400): test
 * JVMs get {@code -Daws.requestChecksumCalculation=when_required
 * -Daws.responseChecksumValidation=when_required} from the parent pom, and {@link #client()} sets
 * the same explicitly.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String DEFAULT_BUCKET = "thermocline-test";
    public static final String ACCESS_KEY = "thermocline-access";
    public static final String SECRET_KEY = "thermocline-secret";
    public static final String REGION = "us-east-1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final String bucket;
    private final Path workDir;
    private final int port;
    private final Process process;
    private final Thread killOnExit;

    private S3ProxyServer(String bucket, Path workDir, int port, Process process, Thread killOnExit) {
        this.bucket = bucket;
        this.workDir = workDir;
        this.port = port;
        this.process = process;
        this.killOnExit = killOnExit;
    }

    /** Starts s3proxy with bucket {@value #DEFAULT_BUCKET}. */
    public static S3ProxyServer start() {
        return start(DEFAULT_BUCKET);
    }

    /** Starts s3proxy and creates {@code bucket} (3–63 characters, S3 naming rules). */
    public static S3ProxyServer start(String bucket) {
        validateBucketName(bucket);
        Path jar = S3ProxyJar.locate();
        Path workDir = TempDirs.create("thermocline-s3proxy-");
        Path dataDir = TempDirs.subdirectory(workDir, "data");
        Path log = workDir.resolve("s3proxy.log");
        int port = FreePorts.next();
        Process process;
        try {
            Path conf = writeConfig(workDir.resolve("s3proxy.conf"), port, dataDir);
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.toString(), "--properties", conf.toString()))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            TempDirs.deleteRecursively(workDir);
            throw new UncheckedIOException("could not launch s3proxy from " + jar, e);
        }
        // A test JVM that dies without close() must not leave s3proxy running.
        Thread killOnExit = new Thread(process::destroyForcibly, "s3proxy-killer-" + port);
        Runtime.getRuntime().addShutdownHook(killOnExit);
        S3ProxyServer server = new S3ProxyServer(bucket, workDir, port, process, killOnExit);
        try {
            server.awaitPort(log);
            try (S3Client s3 = server.client()) {
                s3.createBucket(request -> request.bucket(bucket));
            }
            return server;
        } catch (RuntimeException e) {
            String output = readQuietly(log);
            server.close();
            throw new IllegalStateException("s3proxy on port " + port + " did not come up; its output:\n" + output, e);
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String bucket() {
        return bucket;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    public String region() {
        return REGION;
    }

    /** {@code s3://<bucket>/<path>} — e.g. an Iceberg warehouse location. */
    public String uri(String path) {
        return "s3://" + bucket + "/" + path.replaceFirst("^/+", "");
    }

    /**
     * Iceberg S3FileIO / catalog properties that point at this server: endpoint, path-style
     * access, static credentials and region.
     */
    public Map<String, String> icebergProperties() {
        return Map.of(
                "s3.endpoint", endpoint(),
                "s3.path-style-access", "true",
                "s3.access-key-id", ACCESS_KEY,
                "s3.secret-access-key", SECRET_KEY,
                "client.region", REGION);
    }

    /** A new S3 client for this server (the caller closes it). */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the s3proxy process and deletes its data. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to undo
        }
        TempDirs.deleteRecursively(workDir);
    }

    private void awaitPort(Path log) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with code " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(100));
            }
        }
        throw new IllegalStateException("s3proxy did not open port " + port + " within " + STARTUP_TIMEOUT);
    }

    private static Path writeConfig(Path file, int port, Path dataDir) throws IOException {
        Properties conf = new Properties();
        conf.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        conf.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        conf.setProperty("s3proxy.identity", ACCESS_KEY);
        conf.setProperty("s3proxy.credential", SECRET_KEY);
        conf.setProperty("jclouds.provider", "filesystem");
        // The filesystem backend ignores these, but jclouds refuses to start without them.
        conf.setProperty("jclouds.identity", "local");
        conf.setProperty("jclouds.credential", "local");
        conf.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            conf.store(out, "written by S3ProxyServer");
        }
        return file;
    }

    static void validateBucketName(String bucket) {
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("bucket name '" + bucket
                    + "' is not a valid S3 bucket name (3-63 lowercase letters, digits, '.' or '-')");
        }
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for s3proxy", e);
        }
    }
}
