package dev.wfrun.functions;

import dev.wfrun.core.testing.World;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the test world (a control plane and a separate build plane as CRUD mock API servers,
 * seeded with the samples) and points the app's Kubernetes client at the control plane.
 */
public class WorldResource implements QuarkusTestResourceLifecycleManager {
  static World world;

  @Override
  public Map<String, String> start() {
    world = new World();
    return Map.of(
        "quarkus.kubernetes-client.api-server-url", world.controlServer.url(),
        "quarkus.kubernetes-client.trust-certs", "true",
        "quarkus.kubernetes-client.namespace", "default",
        "wfrun.resync.dispatch-grace", "0s");
  }

  @Override
  public void stop() {
    if (world != null) {
      world.close();
    }
  }
}
