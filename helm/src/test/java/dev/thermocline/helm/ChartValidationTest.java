package dev.thermocline.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Misconfigurations stop the render with a message that names the offending value. */
class ChartValidationTest {

  private static void rejects(Map<String, Object> sets, String message) {
    assertThatThrownBy(() -> RenderedChart.render(sets)).hasMessageContaining(message);
  }

  @Test
  void aLiteralCatalogPasswordIsRefused() {
    rejects(Map.of("catalog.properties.jdbc\\.password", "hunter2"),
        "catalog.properties.jdbc.password looks like a secret but has a literal value");
  }

  @Test
  void aLiteralSecretInTheTypedCatalogPropertiesIsRefused() {
    rejects(Map.of("catalog.rest.credential", "client:secret"), "catalog.rest.credential looks like a secret");
  }

  @Test
  void aLiteralKafkaJaasLineIsRefused() {
    rejects(Map.of("kafka.properties.sasl\\.jaas\\.config", "x required username=\"u\" password=\"p\";"),
        "kafka.properties.sasl.jaas.config looks like a secret");
  }

  @Test
  void s3KeysInFlinkConfigurationAreRefused() {
    rejects(Map.of("flink.configuration.s3\\.secret-key", "abc"), "flink.configuration.s3.secret-key looks like a secret");
  }

  @Test
  void secretsInAJobsFlinkConfigurationAreRefused() {
    rejects(Map.of("jobs.changelog.configuration.s3\\.access-key", "AKIA"), "jobs.changelog.configuration.s3.access-key looks like a secret");
  }

  @Test
  void saslNeedsASecret() {
    rejects(Map.of("kafka.security.protocol", "SASL_SSL"), "kafka.security.sasl.existingSecret is required with protocol SASL_SSL");
  }

  @Test
  void staticS3KeysNeedASecretName() {
    rejects(Map.of("s3.credentials.source", "secret"), "s3.credentials.secret.name is required");
  }

  @Test
  void theWarehouseMustBeOnS3() {
    rejects(Map.of("warehouse", "/data/warehouse"), "warehouse must be an s3://bucket[/prefix] URI, got \"/data/warehouse\"");
  }

  @Test
  void aRestCatalogNeedsItsUri() {
    rejects(Map.of("catalog.rest.uri", ""), "catalog.rest.uri is required for a rest catalog");
  }

  @Test
  void anUnknownCatalogTypeIsNamed() {
    rejects(Map.of("catalog.type", "nessie"), "catalog.type must be one of rest, glue, jdbc, hadoop; got \"nessie\"");
  }

  @Test
  void streamingJobsKeepTheirState() {
    rejects(Map.of("jobs.heatmap.upgradeMode", "stateless"), "jobs.heatmap.upgradeMode must be savepoint or last-state; got \"stateless\"");
  }

  @Test
  void aRestoreNeedsItsRequest() {
    rejects(Map.of("restore.enabled", true, "restore.name", "r1"), "restore.table is required");
    rejects(Map.of("restore.enabled", true, "restore.name", "r1", "restore.table", "t", "restore.asOf", "2026-01-01T00:00:00Z",
        "restore.into", "x"), "restore needs restore.ranges or restore.keys");
  }

  @Test
  void aRestoreRangeMustHaveTwoDots() {
    rejects(Map.of("restore.enabled", true, "restore.name", "r1", "restore.table", "t", "restore.asOf", "1",
        "restore.ranges[0]", "10-20", "restore.into", "x"), "restore.ranges entries must look like LO..HI, LO.. or ..HI; got \"10-20\"");
  }

  @Test
  void aRestoreNameMustFitAResourceName() {
    rejects(Map.of("restore.enabled", true, "restore.name", "Orders_Incident"), "restore.name must be 1-20 lowercase letters");
  }

  @Test
  void aSessionJobRestoreNeedsAJarTheOperatorCanFetch() {
    rejects(Map.of("restore.enabled", true, "restore.name", "r1", "restore.table", "t", "restore.asOf", "1",
        "restore.keys[0]", "1", "restore.into", "x", "restore.target", "session-job"),
        "restore.sessionJobJarURI must be an http(s):// or s3:// URI");
  }

  @Test
  void restoreRangesMustBeAList() {
    rejects(Map.of("restore.enabled", true, "restore.name", "r1", "restore.table", "t", "restore.asOf", "1",
        "restore.ranges", "10..20", "restore.into", "x"), "restore.ranges must be a list, got 10..20");
  }
}
