package dev.thermocline.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * The Flink Kubernetes Operator's CRD schemas (openAPIV3Schema of the served version), as JSON
 * Schema draft 7. The API server prunes fields a structural schema does not declare, silently; so
 * that a misspelt field fails here instead of vanishing there, every object schema that lists its
 * properties and does not preserve unknown fields is closed (additionalProperties: false).
 */
final class CrdSchemas {

  static final Path CRD_DIR = RenderedChart.moduleDir().resolve("src/test/resources/k8s-crds");
  private static final String PRESERVE_UNKNOWN = "x-kubernetes-preserve-unknown-fields";
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Crd(String apiVersion, JsonSchema schema) {}

  private final Map<String, Crd> byKind;

  private CrdSchemas(Map<String, Crd> byKind) {
    this.byKind = byKind;
  }

  static CrdSchemas load() {
    return new CrdSchemas(
        Map.of(
            "FlinkDeployment", read("flinkdeployments.flink.apache.org-v1.yml"),
            "FlinkSessionJob", read("flinksessionjobs.flink.apache.org-v1.yml")));
  }

  private static Crd read(String file) {
    try {
      JsonNode crd = new YAMLMapper().readTree(CRD_DIR.resolve(file).toFile());
      String group = crd.path("spec").path("group").asText();
      for (JsonNode version : crd.path("spec").path("versions")) {
        if (version.path("served").asBoolean() && version.path("storage").asBoolean()) {
          ObjectNode schema = withKubernetesRoot(version.path("schema").path("openAPIV3Schema"));
          JsonSchema compiled =
              JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(closed(schema));
          return new Crd(group + "/" + version.path("name").asText(), compiled);
        }
      }
      throw new IllegalStateException(file + " has no served storage version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** apiVersion, kind and metadata are implicit in every CRD schema; the API server checks them. */
  private static ObjectNode withKubernetesRoot(JsonNode openApiSchema) {
    ObjectNode root = openApiSchema.deepCopy();
    ObjectNode properties = (ObjectNode) root.get("properties");
    properties.putObject("apiVersion").put("type", "string");
    properties.putObject("kind").put("type", "string");
    properties.putObject("metadata").put("type", "object");
    return root;
  }

  /** A copy without x-kubernetes-* keywords, every declared object closed. */
  static JsonNode closed(JsonNode schema) {
    if (schema instanceof ArrayNode array) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      array.forEach(item -> copy.add(closed(item)));
      return copy;
    }
    if (!(schema instanceof ObjectNode object)) {
      return schema;
    }
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    Iterator<Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Entry<String, JsonNode> field = fields.next();
      if (field.getKey().startsWith("x-kubernetes-")) {
        continue;
      }
      boolean propertyNames = field.getKey().equals("properties");
      copy.set(field.getKey(), propertyNames ? closedProperties(field.getValue()) : closed(field.getValue()));
    }
    if (object.has("properties")
        && !object.has("additionalProperties")
        && !object.path(PRESERVE_UNKNOWN).asBoolean(false)) {
      copy.put("additionalProperties", false);
    }
    return copy;
  }

  private static JsonNode closedProperties(JsonNode properties) {
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    properties.fields().forEachRemaining(p -> copy.set(p.getKey(), closed(p.getValue())));
    return copy;
  }

  /** What the CRD schema rejects in a manifest of its kind (empty: valid). */
  List<String> violations(Manifest manifest) {
    Crd crd = byKind.get(manifest.kind());
    if (crd == null) {
      throw new IllegalArgumentException("no CRD schema for kind " + manifest.kind());
    }
    List<String> violations = new ArrayList<>();
    if (!crd.apiVersion().equals(manifest.apiVersion())) {
      violations.add("apiVersion " + manifest.apiVersion() + " is not the served " + crd.apiVersion());
    }
    for (ValidationMessage message : crd.schema().validate(JSON.valueToTree(manifest.body()))) {
      violations.add(message.getMessage());
    }
    return violations;
  }
}
