package dev.thermocline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The job bundle against a stock Flink 2.0 classpath (the {@code flink-cluster} module's, which the
 * real-cluster test runs its JobManager and TaskManagers on): every entry class is inside, and it
 * ships no class that Flink would load from its own lib instead. Flink loads classes matching its
 * parent-first patterns (Flink itself, logging, Kryo, Hadoop, RocksDB, XML, javax.annotation) from
 * lib/ first, so a different copy in the bundle would be silently replaced by Flink's.
 */
class BundleJarITCase {

    static final Path BUNDLE = Path.of(System.getProperty("thermocline.bundle.jar", "target/thermocline-bundle.jar"));
    /** {@code classloader.parent-first-patterns.default} of Flink 2.0, as paths. */
    static final List<String> PARENT_FIRST = List.of("java/", "org/apache/flink/", "com/esotericsoftware/kryo",
            "org/apache/hadoop/", "javax/annotation/", "org/xml", "javax/xml", "org/apache/xerces", "org/w3c",
            "org/rocksdb/", "org/slf4j", "org/apache/log4j", "org/apache/logging", "org/apache/commons/logging",
            "ch/qos/logback");

    @Test
    void everyJobEntryClassIsInTheBundleAndTheCommandIsItsMainClass() throws IOException {
        try (JarFile jar = new JarFile(BUNDLE.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(ThermoclineCommand.class.getName());
            for (String entry : List.of(ThermoclineCommand.class.getName(), "dev.thermocline.heatmap.HeatmapJobMain")) {
                assertThat(jar.getEntry(entry.replace('.', '/') + ".class")).as(entry).isNotNull();
            }
        }
    }

    @Test
    void noClassOfTheBundleIsShadowedByADifferentCopyInFlinksLib() throws IOException {
        Map<String, Long> flinkLib = new HashMap<>();
        for (String jar : Files.readString(Path.of(System.getProperty("thermocline.flink.cluster.classpath"))).strip().split(":")) {
            try (ZipFile zip = new ZipFile(jar)) {
                zip.stream().filter(e -> e.getName().endsWith(".class")).forEach(e -> flinkLib.putIfAbsent(e.getName(), e.getCrc()));
            }
        }
        List<String> shadowed = new ArrayList<>();
        int parentFirstInBundle = 0;
        try (ZipFile bundle = new ZipFile(BUNDLE.toFile())) {
            for (ZipEntry e : bundle.stream().toList()) {
                if (!e.getName().endsWith(".class") || PARENT_FIRST.stream().noneMatch(e.getName()::startsWith)) {
                    continue;
                }
                parentFirstInBundle++;
                Long lib = flinkLib.get(e.getName());
                if (lib != null && lib != e.getCrc()) {
                    shadowed.add(e.getName());
                }
            }
        }
        assertThat(flinkLib).as("Flink's lib classes").hasSizeGreaterThan(10_000);
        assertThat(parentFirstInBundle).as("Kafka connector and Hadoop classes are parent-first-named but not in lib")
                .isPositive();
        assertThat(shadowed).as("bundle classes Flink's lib would replace").isEmpty();
    }

    @Test
    void theBundleCarriesNoLoggingBackendOrFlinkRuntime() throws IOException {
        try (ZipFile bundle = new ZipFile(BUNDLE.toFile())) {
            List<String> forbidden = bundle.stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith("org/apache/logging/log4j/") || n.startsWith("org/slf4j/")
                            || n.startsWith("org/apache/flink/runtime/") || n.startsWith("org/apache/flink/api/")
                            || n.startsWith("org/apache/flink/streaming/api/"))
                    .limit(5).toList();
            assertThat(forbidden).isEmpty();
        }
    }
}
