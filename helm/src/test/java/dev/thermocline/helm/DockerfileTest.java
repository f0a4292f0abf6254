package dev.thermocline.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image the chart runs: no Docker engine here, so the Dockerfile is checked as text. */
class DockerfileTest {

  private static final Path DOCKERFILE = RenderedChart.moduleDir().resolve("../Dockerfile").normalize();

  private record Instruction(String keyword, String arguments) {}

  /** Instructions with continuation lines joined and comments dropped. */
  private static List<Instruction> instructions() throws IOException {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(DOCKERFILE)) {
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      current.append(line.strip());
      if (line.endsWith("\\")) {
        current.setLength(current.length() - 1);
        current.append(' ');
        continue;
      }
      String[] parts = current.toString().split("\\s+", 2);
      instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
      current.setLength(0);
    }
    return instructions;
  }

  private static List<String> arguments(String keyword) throws IOException {
    return instructions().stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
  }

  @Test
  void buildsOnTheFlink2Java17Image() throws IOException {
    assertThat(instructions().get(0).keyword()).isEqualTo("FROM");
    assertThat(arguments("FROM")).containsExactly("flink:2.0.0-java17");
  }

  @Test
  void copiesTheBundleWhereTheChartsJarUriPoints() throws IOException {
    String jarUri = (String) RenderedChart.render().single("FlinkDeployment", "tc-thermocline-heatmap").at("spec", "job", "jarURI");
    String jarPath = jarUri.substring("local://".length());

    assertThat(arguments("COPY")).anySatisfy(copy -> {
      List<String> words = List.of(copy.split("\\s+"));
      assertThat(words.get(words.size() - 1)).isEqualTo(jarPath);
      assertThat(words.get(words.size() - 2)).isEqualTo("jobs/target/thermocline-bundle.jar");
    });
  }

  @Test
  void runsAsTheNonRootUserThePodsDeclare() throws IOException {
    PodSpec pod = PodSpecs.of(RenderedChart.render()).get(0).spec();
    String user = pod.getSecurityContext().getRunAsUser() + ":" + pod.getSecurityContext().getRunAsGroup();

    assertThat(arguments("USER")).last().isEqualTo(user);
  }

  @Test
  void enablesTheS3FilesystemAtBuildTimeForTheReadOnlyRoot() throws IOException {
    assertThat(arguments("RUN")).anySatisfy(run -> assertThat(run)
        .contains("/opt/flink/plugins/s3-fs-hadoop")
        .contains("/opt/flink/opt/flink-s3-fs-hadoop-2.0.0.jar"));
    assertThat(arguments("ENV")).noneMatch(env -> env.contains("ENABLE_BUILT_IN_PLUGINS"));
  }
}
