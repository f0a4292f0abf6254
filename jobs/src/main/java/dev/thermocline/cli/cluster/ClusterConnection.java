package dev.thermocline.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thermocline.cli.ClusterAddress;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A running Flink cluster's REST endpoint, checked before anything is built: a wrong or dead
 * {@code --cluster} fails in seconds with one line, instead of after Flink's client has retried
 * its submission for a minute. Also reads the two settings the jobs adapt to: the cluster's
 * default parallelism and whether it checkpoints on its own.
 */
public final class ClusterConnection {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterAddress address;
    private final String flinkVersion;
    private final Map<String, String> configuration;

    ClusterConnection(ClusterAddress address, String flinkVersion, Map<String, String> configuration) {
        this.address = Objects.requireNonNull(address, "address is required.");
        this.flinkVersion = flinkVersion;
        this.configuration = Map.copyOf(configuration);
    }

    /**
     * Asks the JobManager at {@code address} for its version and configuration.
     *
     * @throws ClusterUnreachableException naming the address and what went wrong
     */
    public static ClusterConnection connect(ClusterAddress address) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        JsonNode overview = get(http, address, "/v1/config");
        if (!overview.has("flink-version")) {
            throw new ClusterUnreachableException(address, "GET /v1/config did not answer like a Flink REST endpoint");
        }
        Map<String, String> conf = new HashMap<>();
        for (JsonNode entry : get(http, address, "/v1/jobmanager/config")) {
            conf.put(entry.path("key").asText(), entry.path("value").asText());
        }
        return new ClusterConnection(address, overview.path("flink-version").asText(), conf);
    }

    private static JsonNode get(HttpClient http, ClusterAddress address, String path) {
        URI uri = URI.create("http://" + address.host() + ":" + address.port() + path);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ClusterUnreachableException(address, "GET " + path + " answered HTTP " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (ConnectException e) {
            throw new ClusterUnreachableException(address, unresolved(e)
                    ? "unknown host '" + address.host() + "'" : "connection refused");
        } catch (HttpTimeoutException e) {
            throw new ClusterUnreachableException(address, "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new ClusterUnreachableException(address, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnreachableException(address, "interrupted");
        }
    }

    private static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    public ClusterAddress address() {
        return address;
    }

    public String flinkVersion() {
        return flinkVersion;
    }

    /** The cluster's {@code parallelism.default}, 1 when it sets none (Flink's default). */
    public int defaultParallelism() {
        try {
            return Math.max(1, Integer.parseInt(configuration.getOrDefault("parallelism.default", "1").trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** A setting of the JobManager's configuration, as its REST API shows it. */
    public Optional<String> setting(String key) {
        return Optional.ofNullable(configuration.get(key));
    }

    /** The settings whose keys start with {@code prefix}, e.g. {@code execution.checkpointing.}. */
    public Map<String, String> settings(String prefix) {
        Map<String, String> matching = new java.util.TreeMap<>();
        configuration.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                matching.put(k, v);
            }
        });
        return matching;
    }

    /** The cluster's REST root, for messages: {@code http://HOST:PORT}. */
    public String url() {
        return "http://" + address.host() + ":" + address.port();
    }
}
