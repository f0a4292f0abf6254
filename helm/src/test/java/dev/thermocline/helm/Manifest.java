package dev.thermocline.helm;

import java.util.List;
import java.util.Map;

/** One rendered Kubernetes document: the template it came from and its parsed body. */
record Manifest(String source, Map<String, Object> body) {

  String kind() {
    return (String) body.get("kind");
  }

  String apiVersion() {
    return (String) body.get("apiVersion");
  }

  String name() {
    Object name = at("metadata", "name");
    return name == null ? null : name.toString();
  }

  /** The value at a path of map keys, or null where the path ends early. */
  Object at(String... path) {
    Object current = body;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> mapAt(String... path) {
    Object value = at(path);
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
  }

  @SuppressWarnings("unchecked")
  List<String> stringsAt(String... path) {
    Object value = at(path);
    return value == null ? List.of() : (List<String>) value;
  }

  boolean isFlinkResource() {
    return "FlinkDeployment".equals(kind()) || "FlinkSessionJob".equals(kind());
  }

  @Override
  public String toString() {
    return kind() + "/" + name() + " (" + source + ")";
  }
}
