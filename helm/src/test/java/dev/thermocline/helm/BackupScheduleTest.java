package dev.thermocline.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backups: a CronJob that submits "thermocline backup" to the session cluster, with no API rights. */
class BackupScheduleTest {

  private final RenderedChart chart = RenderedChart.render();
  private final CronJob cronJob = (CronJob) KubernetesTypes.typed(chart.single("CronJob", "tc-thermocline-backup"));
  private final PodSpec pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();

  @Test
  void submitsTheBackupCommandToTheSessionClustersRestServiceAndWaits() {
    Container client = pod.getContainers().get(0);
    Manifest session = chart.single("FlinkDeployment", "tc-thermocline-session");

    assertThat(session.at("spec", "job")).as("a session cluster has no job of its own").isNull();
    assertThat(client.getCommand()).containsExactly("/opt/flink/bin/flink");
    assertThat(client.getArgs()).containsExactly(
        "run", "--jobmanager", session.name() + "-rest:8081",
        "--class", "dev.thermocline.cli.ThermoclineCommand",
        "--parallelism", "2",
        "/opt/flink/usrlib/thermocline-bundle.jar",
        "backup", "--config", "/etc/thermocline/conf/thermocline.yaml");
    assertThat(client.getArgs()).as("attached: the Job's outcome is the backup's").doesNotContain("--detached", "-d");
    assertThat(client.getImage()).isEqualTo(session.at("spec", "image"));
  }

  @Test
  void runsNeverOverlapAndARunIsBounded() {
    assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(cronJob.getSpec().getSchedule()).isEqualTo("0 * * * *");
    assertThat(cronJob.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds()).isEqualTo(21600L);
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
  }

  @Test
  void theBackupPodHasNoKubernetesApiRights() {
    String backupAccount = pod.getServiceAccountName();
    List<Subject> boundSubjects = chart.ofKind("RoleBinding").stream()
        .map(m -> (RoleBinding) KubernetesTypes.typed(m))
        .flatMap(binding -> binding.getSubjects().stream())
        .toList();

    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(chart.single("ServiceAccount", backupAccount).at("automountServiceAccountToken")).isEqualTo(false);
    assertThat(boundSubjects).extracting(Subject::getName).containsExactly("tc-thermocline-flink").doesNotContain(backupAccount);
    assertThat(chart.ofKind("ClusterRole")).isEmpty();
    assertThat(chart.ofKind("ClusterRoleBinding")).isEmpty();
  }

  @Test
  void bothServiceAccountsCarryTheIrsaRole() {
    RenderedChart irsa = RenderedChart.render("glue-catalog.yaml");

    assertThat(irsa.ofKind("ServiceAccount")).hasSize(2).allSatisfy(account ->
        assertThat(account.mapAt("metadata", "annotations"))
            .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/thermocline"));
  }

  @Test
  void aTableAndATimeZoneNarrowTheSchedule() {
    CronJob nightly = (CronJob) KubernetesTypes.typed(RenderedChart.render("production.yaml").single("CronJob", "tc-thermocline-backup"));
    Container client = nightly.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(nightly.getSpec().getTimeZone()).isEqualTo("Europe/Berlin");
    assertThat(client.getArgs()).endsWith("backup", "--config", "/etc/thermocline/conf/thermocline.yaml", "--table", "orders");
  }

  @Test
  void disablingBackupsRemovesTheSessionClusterTheCronJobAndItsAccount() {
    RenderedChart chart = RenderedChart.render(Map.of("backup.enabled", false));

    assertThat(chart.ofKind("CronJob")).isEmpty();
    assertThat(chart.ofKind("FlinkDeployment")).extracting(Manifest::name).doesNotContain("tc-thermocline-session");
    assertThat(chart.ofKind("ServiceAccount")).extracting(Manifest::name).containsExactly("tc-thermocline-flink");
  }
}
