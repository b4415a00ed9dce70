package dev.wfrun.gateway;

import dev.wfrun.core.webhook.AwsSecretsManagerSecrets;
import io.fabric8.kubernetes.client.Config;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On AWS Lambda (webhook secrets from Secrets Manager) the control plane's ServiceAccount token
 * comes from the same secret's {@code kubernetes-token} key, read through the Parameters and
 * Secrets extension and refreshed with it, instead of an environment variable that shows in the
 * function's configuration. Without that key the token configured for the client stays.
 */
@Singleton
public class SecretsManagerKubernetesToken implements KubernetesConfigCustomizer {
  static final String KEY = "kubernetes-token";

  @ConfigProperty(name = "wfrun.gateway.secret-source", defaultValue = "kubernetes")
  String source;

  @ConfigProperty(name = "wfrun.gateway.aws-secret-id", defaultValue = " ")
  String secretId;

  @ConfigProperty(name = "wfrun.gateway.aws-secrets-extension-url", defaultValue = "http://localhost:2773")
  String extensionUrl;

  @ConfigProperty(name = "wfrun.gateway.aws-secret-ttl", defaultValue = "5m")
  Duration ttl;

  @Override
  public void customize(Config config) {
    if (!"aws-secrets-manager".equals(source)) {
      return;
    }
    AwsSecretsManagerSecrets secrets = new AwsSecretsManagerSecrets(extensionUrl, secretId.trim(),
        System.getenv("AWS_SESSION_TOKEN"), ttl, Clock.systemUTC());
    String configured = config.getOauthToken();
    config.setOauthToken(null);
    config.setOauthTokenProvider(() -> secrets.value(KEY).orElse(configured));
  }
}
