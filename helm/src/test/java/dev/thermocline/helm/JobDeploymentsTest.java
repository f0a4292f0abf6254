package dev.thermocline.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The streaming jobs as the default values deploy them. */
class JobDeploymentsTest {

  private static final String CONFIG = "/etc/thermocline/conf/thermocline.yaml";
  private final RenderedChart chart = RenderedChart.render();

  @Test
  void eachStreamingJobIsAnApplicationModeDeploymentChosenByItsArguments() {
    for (String job : List.of("heatmap", "repartition", "changelog")) {
      Manifest deployment = chart.single("FlinkDeployment", "tc-thermocline-" + job);

      assertThat(deployment.at("spec", "flinkVersion")).isEqualTo("v2_0");
      assertThat(deployment.at("spec", "job", "jarURI")).isEqualTo("local:///opt/flink/usrlib/thermocline-bundle.jar");
      assertThat(deployment.at("spec", "job", "entryClass")).isEqualTo("dev.thermocline.cli.ThermoclineCommand");
      assertThat(deployment.stringsAt("spec", "job", "args")).containsExactly("run", job, "--config", CONFIG);
      assertThat(deployment.at("spec", "job", "upgradeMode")).isEqualTo("savepoint");
      assertThat(deployment.at("spec", "job", "state")).isEqualTo("running");
      assertThat(deployment.at("spec", "serviceAccount")).isEqualTo("tc-thermocline-flink");
    }
  }

  @Test
  void stateIsRocksDbIncrementalOnS3WithKubernetesHaPerDeployment() {
    Map<String, Object> conf = chart.single("FlinkDeployment", "tc-thermocline-heatmap").mapAt("spec", "flinkConfiguration");

    assertThat(conf)
        .containsEntry("state.backend.type", "rocksdb")
        .containsEntry("execution.checkpointing.incremental", "true")
        .containsEntry("execution.checkpointing.dir", "s3://thermocline/flink/tc-thermocline-heatmap/checkpoints")
        .containsEntry("execution.checkpointing.savepoint-dir", "s3://thermocline/flink/tc-thermocline-heatmap/savepoints")
        .containsEntry("high-availability.type", "kubernetes")
        .containsEntry("high-availability.storageDir", "s3://thermocline/flink/tc-thermocline-heatmap/ha")
        .containsEntry("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
        .containsEntry("kubernetes.rest-service.exposed.type", "ClusterIP");
    Set<Object> checkpointDirs = chart.ofKind("FlinkDeployment").stream()
        .map(d -> d.at("spec", "flinkConfiguration", "execution.checkpointing.dir"))
        .collect(Collectors.toSet());
    assertThat(checkpointDirs).as("no two deployments share state").hasSize(chart.ofKind("FlinkDeployment").size());
  }

  @Test
  void perJobSettingsReachOnlyThatJob() {
    RenderedChart tuned = RenderedChart.render(Map.of(
        "jobs.changelog.parallelism", 6,
        "jobs.changelog.upgradeMode", "last-state",
        "jobs.changelog.taskManager.taskSlots", 3,
        "jobs.changelog.configuration.pipeline\\.max-parallelism", 256,
        "jobs.changelog.extraArgs[0]", "--source",
        "jobs.changelog.extraArgs[1]", "kafka"));
    Manifest changelog = tuned.single("FlinkDeployment", "tc-thermocline-changelog");
    Manifest heatmap = tuned.single("FlinkDeployment", "tc-thermocline-heatmap");

    assertThat(changelog.at("spec", "job", "parallelism")).isEqualTo(6);
    assertThat(changelog.at("spec", "job", "upgradeMode")).isEqualTo("last-state");
    assertThat(changelog.stringsAt("spec", "job", "args")).containsExactly("run", "changelog", "--config", CONFIG, "--source", "kafka");
    assertThat(changelog.mapAt("spec", "flinkConfiguration"))
        .containsEntry("taskmanager.numberOfTaskSlots", "3")
        .containsEntry("pipeline.max-parallelism", "256");
    assertThat(heatmap.mapAt("spec", "flinkConfiguration")).doesNotContainKey("pipeline.max-parallelism");
    assertThat(heatmap.at("spec", "job", "upgradeMode")).isEqualTo("savepoint");
  }

  @Test
  void aDisabledJobIsNotDeployed() {
    RenderedChart chart = RenderedChart.render(Map.of("jobs.repartition.enabled", false));

    assertThat(chart.ofKind("FlinkDeployment")).extracting(Manifest::name)
        .containsExactlyInAnyOrder("tc-thermocline-heatmap", "tc-thermocline-changelog", "tc-thermocline-session");
  }

  @Test
  void theConfigIsMountedWhereTheArgumentsPointInEveryContainer() {
    for (PodSpecs.At pod : PodSpecs.of(chart)) {
      Container container = pod.spec().getContainers().get(0);
      assertThat(container.getVolumeMounts()).extracting(VolumeMount::getMountPath)
          .as(pod.where())
          .contains("/etc/thermocline/conf", "/tmp", "/opt/flink/log")
          .doesNotContain("/opt/flink/conf");
      assertThat(pod.spec().getVolumes()).filteredOn(v -> v.getConfigMap() != null)
          .extracting(v -> v.getConfigMap().getName()).containsExactly("tc-thermocline-config");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theConfigCarriesWarehouseCatalogKafkaAndTables() throws Exception {
    RenderedChart glue = RenderedChart.render("glue-catalog.yaml");
    String yaml = (String) glue.single("ConfigMap", "tc-thermocline-config").mapAt("data").get("thermocline.yaml");
    Map<String, Object> config = new YAMLMapper().readValue(yaml, Map.class);

    assertThat(config).containsEntry("warehouse", "s3://acme-lake/thermocline");
    assertThat((Map<String, Object>) config.get("catalog"))
        .containsEntry("type", "glue")
        .containsEntry("properties", Map.of("glue.id", "123456789012", "glue.skip-name-validation", "false"));
    Map<String, Object> kafka = (Map<String, Object>) config.get("kafka");
    assertThat(kafka).containsEntry("bootstrap-servers", "kafka:9092");
    assertThat((Map<String, Object>) kafka.get("topics")).containsKeys("access", "changes", "dead-letter");
    assertThat((Map<String, Object>) config.get("tables")).containsKey("orders");
  }

  @Test
  void imageTagDefaultsToTheAppVersionAndADigestPinsIt() {
    assertThat(chart.single("FlinkDeployment", "tc-thermocline-heatmap").at("spec", "image")).isEqualTo("thermocline:0.1.0");

    RenderedChart pinned = RenderedChart.render("production.yaml");
    for (Manifest deployment : pinned.ofKind("FlinkDeployment")) {
      assertThat(deployment.at("spec", "image"))
          .isEqualTo("registry.example.com/data/thermocline@sha256:4b825dc642cb6eb9a060e54bf8d69288fbee4904b825dc642cb6eb9a060e54bf");
    }
  }

  @Test
  void longReleaseNamesAreCutToWhatTheOperatorAccepts() {
    String release = "a-very-long-release-name-for-thermocline-in-prod-eu1"; // near Helm's 53-character limit
    RenderedChart chart = RenderedChart.render(release, Map.of(), "restore.yaml");

    for (Manifest manifest : chart.manifests()) {
      int limit = manifest.kind().equals("FlinkDeployment") ? 45 : 63;
      assertThat(manifest.name()).as("%s", manifest).hasSizeLessThanOrEqualTo(limit).doesNotEndWith("-");
    }
    assertThat(chart.ofKind("FlinkDeployment")).extracting(Manifest::name).doesNotHaveDuplicates()
        .anySatisfy(name -> assertThat(name).endsWith("-restore-orders-incident-42"));
  }
}
