package dev.thermocline.helm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The chart as real Helm renders it ("helm template"), split into parsed manifests. */
final class RenderedChart {

  static final Path CHART_DIR = moduleDir().resolve("thermocline");
  static final Path VALUES_DIR = moduleDir().resolve("src/test/resources/values");
  static final String RELEASE = "tc";
  /** A Kubernetes version the chart supports (helm-java otherwise assumes v1.20). */
  static final String KUBE_VERSION = "v1.30.0";

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
  private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (\\S+)");
  private static final YAMLMapper YAML = new YAMLMapper();

  private final String yaml;
  private final List<Manifest> manifests;

  private RenderedChart(String yaml, List<Manifest> manifests) {
    this.yaml = yaml;
    this.manifests = manifests;
  }

  static Path moduleDir() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  }

  /** Renders with the chart's defaults plus the given values files (from src/test/resources/values). */
  static RenderedChart render(String... valuesFiles) {
    return render(RELEASE, Map.of(), valuesFiles);
  }

  static RenderedChart render(Map<String, Object> sets, String... valuesFiles) {
    return render(RELEASE, sets, valuesFiles);
  }

  static RenderedChart render(String release, Map<String, Object> sets, String... valuesFiles) {
    TemplateCommand command = new Helm(CHART_DIR).template().withName(release).withNamespace("thermocline")
        .withKubeVersion(KUBE_VERSION);
    for (String file : valuesFiles) {
      command = command.withValuesFile(VALUES_DIR.resolve(file));
    }
    for (Map.Entry<String, Object> set : new LinkedHashMap<>(sets).entrySet()) {
      command = command.set(set.getKey(), set.getValue());
    }
    String yaml = command.call();
    return new RenderedChart(yaml, parse(yaml));
  }

  private static List<Manifest> parse(String yaml) {
    List<Manifest> manifests = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
      if (document.isBlank()) {
        continue;
      }
      Matcher source = SOURCE.matcher(document);
      try {
        Map<String, Object> body = YAML.readValue(document, new TypeReference<>() {});
        if (body != null) {
          manifests.add(new Manifest(source.find() ? source.group(1) : "?", body));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("rendered document does not parse as YAML:\n" + document, e);
      }
    }
    return manifests;
  }

  String yaml() {
    return yaml;
  }

  List<Manifest> manifests() {
    return manifests;
  }

  List<Manifest> ofKind(String kind) {
    return manifests.stream().filter(m -> kind.equals(m.kind())).toList();
  }

  Manifest single(String kind, String name) {
    List<Manifest> found =
        manifests.stream().filter(m -> kind.equals(m.kind()) && name.equals(m.name())).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind + "/" + name + ", found " + found + " in " + manifests);
    }
    return found.get(0);
  }

  List<Manifest> fromTemplate(String template) {
    return manifests.stream().filter(m -> m.source().endsWith("/" + template)).toList();
  }
}
