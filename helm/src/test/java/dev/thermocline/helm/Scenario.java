package dev.thermocline.helm;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** A way to install the chart: values files on top of the defaults, and the Secrets it names. */
record Scenario(String name, List<String> valuesFiles, Set<String> referencedSecrets) {

  static Scenario of(String name, Set<String> referencedSecrets, String... valuesFiles) {
    return new Scenario(name, Arrays.asList(valuesFiles), referencedSecrets);
  }

  RenderedChart render() {
    return RenderedChart.render(valuesFiles.toArray(String[]::new));
  }

  static Stream<Scenario> all() {
    return Stream.of(
        of("defaults", Set.of()),
        of("glue catalog with IRSA", Set.of(), "glue-catalog.yaml"),
        of("jdbc catalog, password from a Secret", Set.of("iceberg-jdbc"), "jdbc-catalog.yaml"),
        of("static S3 keys from a Secret", Set.of("thermocline-s3"), "s3-static-keys.yaml"),
        of("Kafka SASL_SSL and truststore from Secrets", Set.of("kafka-credentials", "kafka-truststore"), "kafka-sasl-tls.yaml"),
        of("Kafka JAAS line from a Secret", Set.of("kafka-oauth"), "kafka-jaas-secret.yaml"),
        of("production: digest, pull secret, PodMonitor", Set.of("registry-pull"), "production.yaml"),
        of("restore as its own FlinkDeployment", Set.of(), "restore.yaml"),
        of("restore as a FlinkSessionJob", Set.of(), "restore-session-job.yaml"),
        of("everything at once",
            Set.of("iceberg-jdbc", "thermocline-s3", "kafka-credentials", "kafka-truststore", "registry-pull"),
            "jdbc-catalog.yaml", "s3-static-keys.yaml", "kafka-sasl-tls.yaml", "production.yaml", "restore.yaml"));
  }

  @Override
  public String toString() {
    return name;
  }
}
