package dev.thermocline.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CRD check itself: it accepts a correct resource and rejects each kind of mistake. */
class CrdSchemasTest {

  private static final CrdSchemas CRDS = CrdSchemas.load();

  private static Map<String, Object> job(Object upgradeMode, Object parallelism) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("jarURI", "local:///opt/flink/usrlib/thermocline-bundle.jar");
    job.put("parallelism", parallelism);
    job.put("upgradeMode", upgradeMode);
    return job;
  }

  private static Manifest deployment(String apiVersion, Map<String, Object> spec) {
    return new Manifest("test", Map.of(
        "apiVersion", apiVersion, "kind", "FlinkDeployment", "metadata", Map.of("name", "t"), "spec", spec));
  }

  private static Map<String, Object> validSpec() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("image", "thermocline:0.1.0");
    spec.put("flinkVersion", "v2_0");
    spec.put("flinkConfiguration", Map.of("any.key", "any value", "nested", Map.of("ok", 1)));
    spec.put("jobManager", Map.of("resource", Map.of("cpu", 1, "memory", "2048m")));
    spec.put("podTemplate", Map.of("spec", Map.of("containers", List.of(Map.of("name", "flink-main-container")))));
    spec.put("job", job("savepoint", 2));
    return spec;
  }

  @Test
  void acceptsACorrectFlinkDeployment() {
    assertThat(CRDS.violations(deployment("flink.apache.org/v1beta1", validSpec()))).isEmpty();
  }

  @Test
  void rejectsAValueOutsideAnEnum() {
    Map<String, Object> spec = validSpec();
    spec.put("job", job("rolling", 2));

    assertThat(CRDS.violations(deployment("flink.apache.org/v1beta1", spec))).singleElement().asString().contains("upgradeMode");
  }

  @Test
  void rejectsAFlinkVersionTheOperatorDoesNotKnow() {
    Map<String, Object> spec = validSpec();
    spec.put("flinkVersion", "v2_9");

    assertThat(CRDS.violations(deployment("flink.apache.org/v1beta1", spec))).singleElement().asString().contains("flinkVersion");
  }

  @Test
  void rejectsAWrongType() {
    Map<String, Object> spec = validSpec();
    spec.put("job", job("savepoint", "two"));

    assertThat(CRDS.violations(deployment("flink.apache.org/v1beta1", spec))).singleElement().asString().contains("parallelism");
  }

  @Test
  void rejectsAMisspeltFieldThatTheApiServerWouldPrune() {
    Map<String, Object> spec = validSpec();
    spec.put("jobManger", Map.of("replicas", 1));

    assertThat(CRDS.violations(deployment("flink.apache.org/v1beta1", spec))).singleElement().asString().contains("jobManger");
  }

  @Test
  void rejectsAMisspeltFieldDeepInThePodTemplate() {
    Map<String, Object> spec = validSpec();
    spec.put("podTemplate", Map.of("spec", Map.of("securityContex", Map.of("runAsNonRoot", true))));

    assertThat(CRDS.violations(deployment("flink.apache.org/v1beta1", spec))).singleElement().asString().contains("securityContex");
  }

  @Test
  void rejectsAnApiVersionTheCrdDoesNotServe() {
    assertThat(CRDS.violations(deployment("flink.apache.org/v1alpha1", validSpec())))
        .singleElement().asString().contains("v1alpha1");
  }

  @Test
  void checksFlinkSessionJobsAgainstTheirOwnCrd() {
    Manifest valid = new Manifest("test", Map.of(
        "apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkSessionJob", "metadata", Map.of("name", "t"),
        "spec", Map.of("deploymentName", "session", "job", job("stateless", 1))));
    Manifest withDeploymentFields = new Manifest("test", Map.of(
        "apiVersion", "flink.apache.org/v1beta1", "kind", "FlinkSessionJob", "metadata", Map.of("name", "t"),
        "spec", Map.of("deploymentName", "session", "image", "x", "job", job("stateless", 1))));

    assertThat(CRDS.violations(valid)).isEmpty();
    assertThat(CRDS.violations(withDeploymentFields)).singleElement().asString().contains("image");
  }
}
