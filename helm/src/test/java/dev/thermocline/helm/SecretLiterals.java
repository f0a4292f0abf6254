package dev.thermocline.helm;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds secret material written out in rendered output: secret-named properties with literal
 * values, environment variables with secret names set to literals, and text shaped like a
 * credential anywhere. Written independently of the chart's own guard, as its oracle.
 */
final class SecretLiterals {

  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i)(password|passwd|secret|token|credential|jaas|private.?key|access.?key)");
  /** Names that contain a secret word but hold class names, locations or endpoints. */
  private static final Pattern NOT_A_SECRET =
      Pattern.compile("(?i)(provider|providers|class|impl|type|location|uri|url|endpoint|file|path)$");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{env:[A-Za-z_][A-Za-z0-9_]*}");
  private static final List<Pattern> CREDENTIAL_SHAPES =
      List.of(
          Pattern.compile("\\b(AKIA|ASIA)[A-Z0-9]{16}\\b"),
          Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
          Pattern.compile("(?i)password\\s*=\\s*\"(?!\\$\\{env:)[^\"]+\""),
          Pattern.compile("(?i)aws_secret_access_key\\s*[=:]\\s*[A-Za-z0-9/+]{20,}"));
  private static final YAMLMapper YAML = new YAMLMapper();

  private SecretLiterals() {}

  static boolean isSecretName(String name) {
    return SECRET_NAME.matcher(name).find() && !NOT_A_SECRET.matcher(name).find();
  }

  /** Credential-shaped text anywhere in the given text. */
  static List<String> inText(String where, String text) {
    List<String> found = new ArrayList<>();
    for (Pattern shape : CREDENTIAL_SHAPES) {
      if (shape.matcher(text).find()) {
        found.add(where + " contains text shaped like a credential (" + shape + ")");
      }
    }
    return found;
  }

  /** Secret-named keys, at any depth, whose values are not ${env:NAME} placeholders. */
  static List<String> inProperties(String where, Map<?, ?> properties) {
    List<String> found = new ArrayList<>();
    properties.forEach(
        (key, value) -> {
          String path = where + "." + key;
          if (value instanceof Map<?, ?> nested) {
            found.addAll(inProperties(path, nested));
          } else if (value instanceof List<?> items) {
            items.stream().filter(Map.class::isInstance).forEach(item -> found.addAll(inProperties(path, (Map<?, ?>) item)));
          } else if (value != null && isSecretName(key.toString()) && !PLACEHOLDER.matcher(value.toString()).find()) {
            found.add(path + " holds a literal value");
          }
        });
    return found;
  }

  /** ConfigMap data: each entry that is YAML is checked key by key, all of it for shapes. */
  static List<String> inConfigMapData(String where, Map<String, String> data) {
    List<String> found = new ArrayList<>();
    if (data == null) {
      return found;
    }
    data.forEach(
        (name, content) -> {
          found.addAll(inText(where + " " + name, content));
          Object parsed = parseYaml(content);
          if (parsed instanceof Map<?, ?> map) {
            found.addAll(inProperties(where + " " + name, map));
          } else if (isSecretName(name)) {
            found.add(where + " " + name + " holds a literal value");
          }
        });
    return found;
  }

  /** Environment variables with secret-looking names must come from a Secret. */
  static List<String> inEnv(String where, Container container) {
    List<String> found = new ArrayList<>();
    for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
      if (env.getValue() != null && isSecretName(env.getName())) {
        found.add(where + " container " + container.getName() + " env " + env.getName() + " is a literal");
      }
      if (env.getValue() != null) {
        found.addAll(inText(where + " env " + env.getName(), env.getValue()));
      }
    }
    return found;
  }

  private static Object parseYaml(String content) {
    try {
      return YAML.readValue(content, Object.class);
    } catch (Exception notYaml) {
      return null;
    }
  }
}
