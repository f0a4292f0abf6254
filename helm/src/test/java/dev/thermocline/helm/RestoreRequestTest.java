package dev.thermocline.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A restore request rendered from values into a bounded job. */
class RestoreRequestTest {

  private static final String CONFIG = "/etc/thermocline/conf/thermocline.yaml";

  @Test
  void isNotPartOfAnOrdinaryInstall() {
    assertThat(RenderedChart.render().fromTemplate("restore.yaml")).isEmpty();
  }

  @Test
  void becomesABoundedStatelessFlinkDeploymentWithTheRequestAsArguments() {
    RenderedChart chart = RenderedChart.render("restore.yaml");
    Manifest restore = chart.fromTemplate("restore.yaml").get(0);

    assertThat(chart.fromTemplate("restore.yaml")).hasSize(1);
    assertThat(restore.kind()).isEqualTo("FlinkDeployment");
    assertThat(restore.name()).isEqualTo("tc-thermocline-restore-orders-incident-42");
    assertThat(restore.stringsAt("spec", "job", "args")).containsExactly(
        "restore", "--config", CONFIG, "--table", "orders", "--as-of", "2026-11-24T10:31:00Z",
        "--range", "10400..10599", "--range", "20000..", "--keys", "7,9", "--into", "restored_orders");
    assertThat(restore.at("spec", "job", "upgradeMode")).isEqualTo("stateless");
    assertThat(restore.at("spec", "job", "parallelism")).isEqualTo(4);
    assertThat(restore.at("spec", "job", "entryClass")).isEqualTo("dev.thermocline.cli.ThermoclineCommand");
    assertThat(restore.at("spec", "serviceAccount")).isEqualTo("tc-thermocline-flink");
  }

  @Test
  void canRunAsASessionJobOnTheSessionClusterKeepingNumbersWhole() {
    Manifest restore = RenderedChart.render("restore-session-job.yaml").fromTemplate("restore.yaml").get(0);

    assertThat(restore.kind()).isEqualTo("FlinkSessionJob");
    assertThat(restore.at("spec", "deploymentName")).isEqualTo("tc-thermocline-session");
    assertThat(restore.at("spec", "job", "jarURI")).isEqualTo("s3://acme-artifacts/thermocline/thermocline-bundle-0.1.0.jar");
    assertThat(restore.stringsAt("spec", "job", "args")).containsExactly(
        "restore", "--config", CONFIG, "--table", "orders", "--as-of", "1795000000000",
        "--keys", "123456789012,5", "--into", "restored_orders_quick");
  }

  @Test
  void acceptsTheRequestOnTheCommandLine() {
    RenderedChart chart = RenderedChart.render(Map.of(
        "restore.enabled", true, "restore.name", "r1", "restore.table", "accounts",
        "restore.asOf", 1795000000000L, "restore.ranges[0]", "..99", "restore.into", "accounts_r1"));

    assertThat(chart.fromTemplate("restore.yaml").get(0).stringsAt("spec", "job", "args")).containsExactly(
        "restore", "--config", CONFIG, "--table", "accounts", "--as-of", "1795000000000",
        "--range", "..99", "--into", "accounts_r1");
  }
}
