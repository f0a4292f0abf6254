package dev.thermocline.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What must hold for every way of installing the chart. */
class ChartScenariosTest {

  private static final CrdSchemas CRDS = CrdSchemas.load();
  private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Set<String> CUSTOM_KINDS = Set.of("PodMonitor");

  static List<Scenario> scenarios() {
    return Scenario.all().toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void flinkResourcesMatchTheOperatorCrds(Scenario scenario) {
    RenderedChart chart = scenario.render();
    List<Manifest> flink = chart.manifests().stream().filter(Manifest::isFlinkResource).toList();

    assertThat(flink).isNotEmpty();
    for (Manifest manifest : flink) {
      assertThat(CRDS.violations(manifest)).as("%s against its CRD", manifest).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void standardResourcesParseAsTheirKubernetesTypes(Scenario scenario) {
    for (Manifest manifest : scenario.render().manifests()) {
      if (manifest.isFlinkResource()) {
        continue;
      }
      HasMetadata typed = KubernetesTypes.typed(manifest);
      if (CUSTOM_KINDS.contains(manifest.kind())) {
        assertThat(typed).as("%s", manifest).isInstanceOf(GenericKubernetesResource.class);
        continue;
      }
      assertThat(KubernetesTypes.isTyped(typed)).as("%s has a fabric8 model type", manifest).isTrue();
      assertThat(typed.getKind()).isEqualTo(manifest.kind());
      assertThat(KubernetesTypes.unknownFields(typed)).as("unknown fields in %s", manifest).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void flinkPodTemplatesHaveNoUnknownPodFields(Scenario scenario) {
    for (Manifest manifest : scenario.render().manifests()) {
      if (manifest.isFlinkResource() && manifest.mapAt("spec", "podTemplate") != null) {
        assertThat(KubernetesTypes.unknownFields(KubernetesTypes.pod(manifest.mapAt("spec", "podTemplate"))))
            .as("unknown fields in the pod template of %s", manifest)
            .isEmpty();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyPodMeetsTheRestrictedPodSecurityStandard(Scenario scenario) {
    RenderedChart chart = scenario.render();
    List<PodSpecs.At> pods = PodSpecs.of(chart);
    long deployments = chart.ofKind("FlinkDeployment").size();

    assertThat(pods).hasSizeGreaterThanOrEqualTo((int) deployments);
    for (PodSpecs.At pod : pods) {
      assertThat(RestrictedPodSecurity.violations(pod.spec())).as(pod.where()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void noSecretMaterialIsRendered(Scenario scenario) {
    RenderedChart chart = scenario.render();
    List<String> found = new ArrayList<>(SecretLiterals.inText("rendered chart", chart.yaml()));
    for (Manifest manifest : chart.ofKind("ConfigMap")) {
      ConfigMap configMap = (ConfigMap) KubernetesTypes.typed(manifest);
      found.addAll(SecretLiterals.inConfigMapData(manifest.toString(), configMap.getData()));
    }
    for (Manifest manifest : chart.manifests()) {
      Map<String, Object> flinkConfiguration = manifest.mapAt("spec", "flinkConfiguration");
      if (flinkConfiguration != null) {
        found.addAll(SecretLiterals.inProperties(manifest + " flinkConfiguration", flinkConfiguration));
      }
    }
    for (PodSpecs.At pod : PodSpecs.of(chart)) {
      pod.spec().getContainers().forEach(c -> found.addAll(SecretLiterals.inEnv(pod.where(), c)));
    }

    assertThat(chart.ofKind("Secret")).as("the chart never renders a Secret").isEmpty();
    assertThat(found).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void secretsAreReferencedByNameOnly(Scenario scenario) {
    Set<String> referenced = new TreeSet<>();
    for (PodSpecs.At pod : PodSpecs.of(scenario.render())) {
      for (Container container : pod.spec().getContainers()) {
        for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
          if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
            referenced.add(env.getValueFrom().getSecretKeyRef().getName());
          }
        }
        assertThat(container.getEnvFrom()).as("no whole Secret is imported into the environment").isNullOrEmpty();
      }
      for (Volume volume : pod.spec().getVolumes()) {
        if (volume.getSecret() != null) {
          referenced.add(volume.getSecret().getSecretName());
        }
      }
      if (pod.spec().getImagePullSecrets() != null) {
        pod.spec().getImagePullSecrets().stream().map(LocalObjectReference::getName).forEach(referenced::add);
      }
    }

    assertThat(referenced).isEqualTo(new TreeSet<>(scenario.referencedSecrets()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyEnvPlaceholderInTheConfigIsSetInEveryContainer(Scenario scenario) {
    RenderedChart chart = scenario.render();
    String config = chart.ofKind("ConfigMap").get(0).mapAt("data").get("thermocline.yaml").toString();
    Set<String> placeholders = new HashSet<>();
    Matcher matcher = ENV_PLACEHOLDER.matcher(config);
    while (matcher.find()) {
      placeholders.add(matcher.group(1));
    }

    for (PodSpecs.At pod : PodSpecs.of(chart)) {
      for (Container container : pod.spec().getContainers()) {
        Set<String> env = new HashSet<>();
        (container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()).forEach(e -> env.add(e.getName()));
        assertThat(env).as("%s container %s", pod.where(), container.getName()).containsAll(placeholders);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void namesAreValidKubernetesNames(Scenario scenario) {
    for (Manifest manifest : scenario.render().manifests()) {
      assertThat(manifest.name()).as("%s", manifest).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
      if (manifest.kind().equals("FlinkDeployment")) {
        assertThat(manifest.name()).as("operator limit for %s", manifest).hasSizeLessThanOrEqualTo(45);
      }
    }
  }
}
