package dev.thermocline.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** values.yaml is the values reference: every key has its own comment right above it. */
class ValuesDocumentationTest {

  private static final Pattern KEY = Pattern.compile("^\\s*[A-Za-z0-9_.-]+:(\\s|$)");

  @Test
  void everyKeyIsCommented() throws IOException {
    List<String> lines = Files.readAllLines(RenderedChart.CHART_DIR.resolve("values.yaml"));
    List<String> undocumented = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (KEY.matcher(lines.get(i)).find() && (i == 0 || !lines.get(i - 1).strip().startsWith("#"))) {
        undocumented.add((i + 1) + ": " + lines.get(i).strip());
      }
    }

    assertThat(undocumented).isEmpty();
  }
}
