package dev.thermocline.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every pod a manifest would create, with where its spec sits in the manifest. */
final class PodSpecs {

  record At(String where, PodSpec spec) {}

  private PodSpecs() {}

  static List<At> of(Manifest manifest) {
    List<At> pods = new ArrayList<>();
    if (manifest.isFlinkResource()) {
      // The operator merges spec.podTemplate with the JobManager/TaskManager ones.
      for (String[] path :
          List.of(
              new String[] {"spec", "podTemplate"},
              new String[] {"spec", "jobManager", "podTemplate"},
              new String[] {"spec", "taskManager", "podTemplate"})) {
        Map<String, Object> template = manifest.mapAt(path);
        if (template != null) {
          pods.add(new At(manifest + " " + String.join(".", path), KubernetesTypes.pod(template).getSpec()));
        }
      }
      return pods;
    }
    HasMetadata typed = KubernetesTypes.typed(manifest);
    if (typed instanceof CronJob cronJob) {
      pods.add(new At(manifest.toString(), cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec()));
    } else if (typed instanceof Job job) {
      pods.add(new At(manifest.toString(), job.getSpec().getTemplate().getSpec()));
    } else if (manifest.at("spec", "template", "spec") != null) {
      throw new IllegalStateException("pod template of " + manifest + " is not covered by PodSpecs");
    }
    return pods;
  }

  static List<At> of(RenderedChart chart) {
    return chart.manifests().stream().flatMap(m -> of(m).stream()).toList();
  }
}
