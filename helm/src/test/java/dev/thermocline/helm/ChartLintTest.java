package dev.thermocline.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartLintTest {

  @Test
  void chartPassesStrictLint() {
    LintResult result = new Helm(RenderedChart.CHART_DIR).lint().strict().call();

    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages()).as("lint findings").noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  @Test
  void strictLintFailsOnATemplateThatRendersInvalidYaml(@TempDir Path copy) throws IOException {
    copyChart(copy);
    Path jobs = copy.resolve("templates/jobs.yaml");
    Files.writeString(jobs, Files.readString(jobs).replace("  mode: native", "  mode: [native"));

    LintResult result = new Helm(copy).lint().strict().call();

    assertThat(result.isFailed()).isTrue();
    assertThat(result.getMessages()).anyMatch(m -> m.contains("templates/jobs.yaml"));
  }

  private static void copyChart(Path target) throws IOException {
    try (Stream<Path> files = Files.walk(RenderedChart.CHART_DIR)) {
      files.forEach(source -> {
        try {
          Path destination = target.resolve(RenderedChart.CHART_DIR.relativize(source).toString());
          if (Files.isDirectory(source)) {
            Files.createDirectories(destination);
          } else {
            Files.copy(source, destination);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
