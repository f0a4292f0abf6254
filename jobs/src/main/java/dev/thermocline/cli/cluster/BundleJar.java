package dev.thermocline.cli.cluster;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * The job bundle shipped with every cluster submission: the jar this command runs from (the
 * launcher runs {@code thermocline-bundle.jar}), or the jar named by the system property
 * {@value #PROPERTY} when the command runs from classes (tests, IDEs).
 */
public final class BundleJar {

    public static final String PROPERTY = "thermocline.bundle.jar";

    private BundleJar() {}

    /** @throws IllegalStateException when there is no bundle jar to ship, saying how to provide one */
    public static Path locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path jar = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the job bundle " + jar + " (-D" + PROPERTY + ") does not exist; "
                        + "build it with 'mvn -pl jobs -am package'");
            }
            return jar;
        }
        Path self = codeSource();
        if (self != null && Files.isRegularFile(self) && self.toString().endsWith(".jar")) {
            return self;
        }
        throw new IllegalStateException("--cluster ships the job bundle, but this command runs from " + self
                + ", not from a jar; run it with the launcher (./thermocline) or set -D" + PROPERTY + "=PATH");
    }

    private static Path codeSource() {
        CodeSource source = BundleJar.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
