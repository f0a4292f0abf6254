package dev.thermocline.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The secret scanner itself: placeholders and names pass, planted secrets are found. */
class SecretLiteralsTest {

  @Test
  void placeholdersAndNonSecretNamesPass() {
    String config = """
        catalog:
          properties:
            jdbc.password: ${env:ICEBERG_JDBC_PASSWORD}
            client.credentials-provider: software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider
        kafka:
          properties:
            sasl.jaas.config: x required username="${env:U}" password="${env:P}";
            sasl.oauthbearer.token.endpoint.url: https://idp/token
        """;

    assertThat(SecretLiterals.inConfigMapData("cm", Map.of("thermocline.yaml", config))).isEmpty();
  }

  @Test
  void findsALiteralPasswordInNestedConfig() {
    String config = "catalog:\n  properties:\n    jdbc.password: hunter2\n";

    assertThat(SecretLiterals.inConfigMapData("cm", Map.of("thermocline.yaml", config)))
        .containsExactly("cm thermocline.yaml.catalog.properties.jdbc.password holds a literal value");
  }

  @Test
  void findsALiteralPasswordInsideAJaasLine() {
    String config = "kafka:\n  properties:\n    sasl.jaas.config: x required username=\"u\" password=\"hunter2\";\n";

    assertThat(SecretLiterals.inConfigMapData("cm", Map.of("thermocline.yaml", config))).hasSize(2);
  }

  @Test
  void findsCredentialShapedText() {
    assertThat(SecretLiterals.inText("doc", "key: AKIAIOSFODNN7EXAMPLE")).hasSize(1);
    assertThat(SecretLiterals.inText("doc", "-----BEGIN RSA PRIVATE KEY-----")).hasSize(1);
    assertThat(SecretLiterals.inText("doc", "s3.aws.credentials.provider: com.amazonaws.auth.WebIdentityTokenCredentialsProvider")).isEmpty();
  }

  @Test
  void findsSecretEnvironmentVariablesSetToLiterals() {
    var literal = new ContainerBuilder().withName("c").addNewEnv().withName("AWS_SECRET_ACCESS_KEY").withValue("abc").endEnv().build();
    var fromSecret = new ContainerBuilder().withName("c").addNewEnv().withName("AWS_SECRET_ACCESS_KEY")
        .withNewValueFrom().withNewSecretKeyRef("key", "s3", false).endValueFrom().endEnv()
        .addNewEnv().withName("AWS_REGION").withValue("eu-west-1").endEnv().build();

    assertThat(SecretLiterals.inEnv("pod", literal)).containsExactly("pod container c env AWS_SECRET_ACCESS_KEY is a literal");
    assertThat(SecretLiterals.inEnv("pod", fromSecret)).isEmpty();
  }
}
