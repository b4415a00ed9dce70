package dev.wfrun.gateway.lambda;

import dev.wfrun.core.testing.World;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The sample world and upstream's webhook Secret, as the Lambda's control plane. */
public class LambdaWorld implements QuarkusTestResourceLifecycleManager {
  static final String GITHUB_SECRET = "lambda-webhook-secret";
  static World world;

  @Override
  public Map<String, String> start() {
    world = new World();
    world.control.resource(new SecretBuilder().withNewMetadata().withName("git-webhook-secrets")
        .withNamespace("openchoreo-control-plane").endMetadata()
        .withData(Map.of("github-secret", Base64.getEncoder().encodeToString(GITHUB_SECRET.getBytes(StandardCharsets.UTF_8))))
        .build()).create();
    return Map.of(
        "quarkus.kubernetes-client.api-server-url", world.controlServer.url(),
        "quarkus.kubernetes-client.trust-certs", "true");
  }

  @Override
  public void stop() {
    if (world != null) {
      world.close();
    }
  }
}
