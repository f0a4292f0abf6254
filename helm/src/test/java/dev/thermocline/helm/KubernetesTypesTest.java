package dev.thermocline.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed parse finds fields the Kubernetes model does not have. */
class KubernetesTypesTest {

  private static Manifest cronJob(Map<String, Object> podSpec) {
    return new Manifest("test", Map.of(
        "apiVersion", "batch/v1", "kind", "CronJob", "metadata", Map.of("name", "b"),
        "spec", Map.of("schedule", "0 * * * *", "jobTemplate", Map.of("spec", Map.of("template", Map.of("spec", podSpec))))));
  }

  @Test
  void parsesACronJobWithoutUnknownFields() {
    HasMetadata typed = KubernetesTypes.typed(cronJob(Map.of("containers", List.of(Map.of("name", "c")))));

    assertThat(typed).isInstanceOf(CronJob.class);
    assertThat(KubernetesTypes.unknownFields(typed)).isEmpty();
  }

  @Test
  void findsAMisspeltFieldDeepInsideAPodSpec() {
    HasMetadata typed = KubernetesTypes.typed(cronJob(Map.of(
        "containers", List.of(Map.of("name", "c", "securityContext", Map.of("readOnlyRootFilesytem", true))))));

    assertThat(KubernetesTypes.unknownFields(typed))
        .singleElement().asString()
        .contains("containers[0].securityContext").contains("readOnlyRootFilesytem");
  }
}
