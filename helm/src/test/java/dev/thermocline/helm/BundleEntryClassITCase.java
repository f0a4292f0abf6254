package dev.thermocline.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The chart and the bundle agree: every class a rendered job names as its entry point is in the
 * bundle jobs/ packages (which the Dockerfile copies into the image), with a main method.
 */
class BundleEntryClassITCase {

  /** The jobs module's bundle; -Dthermocline.bundle=PATH checks another build of it. */
  private static final Path BUNDLE =
      Path.of(System.getProperty("thermocline.bundle",
          RenderedChart.moduleDir().resolve("../jobs/target/thermocline-bundle.jar").toString())).normalize();

  /** Entry classes of every job resource, and the class the backup client passes to "flink run". */
  private static Set<String> renderedEntryClasses() {
    Set<String> classes = new TreeSet<>();
    for (String[] values : List.of(new String[] {}, new String[] {"restore.yaml"}, new String[] {"restore-session-job.yaml"})) {
      RenderedChart chart = RenderedChart.render(values);
      chart.manifests().stream()
          .filter(Manifest::isFlinkResource)
          .map(m -> (String) m.at("spec", "job", "entryClass"))
          .filter(java.util.Objects::nonNull)
          .forEach(classes::add);
      for (Manifest manifest : chart.ofKind("CronJob")) {
        List<String> args = ((CronJob) KubernetesTypes.typed(manifest))
            .getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        classes.add(args.get(args.indexOf("--class") + 1));
      }
    }
    return classes;
  }

  @Test
  void everyRenderedEntryClassIsInTheBundleWithAMainMethod() throws IOException {
    assertThat(BUNDLE).as("the bundle built by the jobs module").exists();
    Set<String> entryClasses = renderedEntryClasses();
    assertThat(entryClasses).isNotEmpty();

    try (JarFile bundle = new JarFile(BUNDLE.toFile())) {
      for (String entryClass : entryClasses) {
        JarEntry entry = bundle.getJarEntry(entryClass.replace('.', '/') + ".class");
        assertThat(entry).as("%s in %s", entryClass, BUNDLE).isNotNull();
        assertThat(declaresMain(bundle, entry)).as("%s declares main(String[])", entryClass).isTrue();
      }
      assertThat(bundle.getManifest().getMainAttributes().getValue("Main-Class"))
          .as("the bundle's Main-Class").isIn(entryClasses);
    }
  }

  /**
   * A class file lists the names and descriptors of its methods as UTF-8 constants, so a class
   * declaring main(String[]) holds both strings (loading it would need Flink, which the bundle
   * leaves to the cluster).
   */
  private static boolean declaresMain(JarFile bundle, JarEntry entry) throws IOException {
    try (InputStream in = bundle.getInputStream(entry)) {
      String constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return constants.contains("\u0000\u0004main") && constants.contains("([Ljava/lang/String;)V");
    }
  }

  @Test
  void theDockerfileCopiesThisBundle() throws IOException {
    String dockerfile = Files.readString(RenderedChart.moduleDir().resolve("../Dockerfile"));

    assertThat(dockerfile).contains("COPY --chown=flink:flink jobs/target/" + BUNDLE.getFileName());
  }
}
