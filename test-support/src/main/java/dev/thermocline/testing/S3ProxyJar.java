package dev.thermocline.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Finds the s3proxy runnable jar that test-support's build fetched from Maven Central
 * ({@code maven-dependency-plugin:copy}). Looked for, in order:
 * <ol>
 *   <li>system property {@value #JAR_PROPERTY} (explicit override);</li>
 *   <li>the copy in test-support's {@code target/s3proxy/}, as recorded at build time;</li>
 *   <li>the jar in the local Maven repository recorded at build time;</li>
 *   <li>the local Maven repository at {@code -Dmaven.repo.local} or {@code ~/.m2/repository}.</li>
 * </ol>
 */
public final class S3ProxyJar {

    public static final String JAR_PROPERTY = "thermocline.s3proxy.jar";
    private static final String BUILD_INFO = "/thermocline-test-support.properties";

    private S3ProxyJar() {}

    public static Path locate() {
        Properties build = buildInfo();
        String version = build.getProperty("s3proxy.version");
        List<Path> candidates = new ArrayList<>();
        String explicit = System.getProperty(JAR_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path path = Paths.get(explicit);
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("-D" + JAR_PROPERTY + "=" + explicit + " is not a file");
            }
            return path;
        }
        addIfSet(candidates, build.getProperty("s3proxy.jar.copy"));
        addIfSet(candidates, build.getProperty("s3proxy.jar.repository"));
        String repository = System.getProperty("maven.repo.local",
                Paths.get(System.getProperty("user.home"), ".m2", "repository").toString());
        candidates.add(Paths.get(repository, "org", "gaul", "s3proxy", version,
                "s3proxy-" + version + "-jar-with-dependencies.jar"));
        return candidates.stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("s3proxy " + version + " jar not found in " + candidates
                        + "; build thermocline-test-support (it fetches org.gaul:s3proxy:" + version
                        + ":jar:jar-with-dependencies) or pass -D" + JAR_PROPERTY + "=<path>"));
    }

    private static void addIfSet(List<Path> candidates, String value) {
        // An unfiltered placeholder means the resource was not processed by Maven.
        if (value != null && !value.isBlank() && !value.contains("${")) {
            candidates.add(Paths.get(value));
        }
    }

    private static Properties buildInfo() {
        Properties properties = new Properties();
        try (InputStream in = S3ProxyJar.class.getResourceAsStream(BUILD_INFO)) {
            if (in == null) {
                throw new IllegalStateException(BUILD_INFO + " missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + BUILD_INFO, e);
        }
        return properties;
    }
}
