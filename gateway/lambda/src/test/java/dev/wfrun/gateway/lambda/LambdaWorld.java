package dev.wfrun.gateway.lambda;

import dev.wfrun.core.testing.World;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** The sample world and upstream's webhook Secret, as the Lambda's control plane. */
public class LambdaWorld implements QuarkusTestResourceLifecycleManager {
  static final String GITHUB_SECRET = "lambda-webhook-secret";
  static World world;

  @Override
  public Map<String, String> start() {
    world = new World();
    world.webhookSecret("github-secret", GITHUB_SECRET);
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
