package dev.wfrun.functions;

import dev.wfrun.core.testing.RecordingGitApi;
import dev.wfrun.core.testing.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the test world (a control plane and a separate build plane as CRUD mock API servers,
 * seeded with the samples) and points the app's Kubernetes client at the control plane.
 */
public class WorldResource implements QuarkusTestResourceLifecycleManager {
  static World world;
  static RecordingGitApi gitHub;

  @Override
  public Map<String, String> start() {
    world = new World();
    try {
      gitHub = RecordingGitApi.gitHub();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "quarkus.kubernetes-client.api-server-url", world.controlServer.url(),
        "wfrun.kubernetes.service-account-token-dir", tokenDir(world).toString(),
        "quarkus.kubernetes-client.trust-certs", "true",
        "quarkus.kubernetes-client.namespace", "default",
        "wfrun.resync.dispatch-grace", "0s",
        "wfrun.commit-status.github.api-url", gitHub.url(),
        "wfrun.commit-status.github.token", "test-github-token",
        "wfrun.commit-status.target-url", "https://console.example/runs/{namespace}/{name}");
  }

  /** One token file per function's ServiceAccount: each function talks as its own, with its RBAC from knative/. */
  static java.nio.file.Path tokenDir(World world) {
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("wfrun-tokens");
      for (String account : FunctionIdentities.SERVICE_ACCOUNTS.values()) {
        java.nio.file.Files.writeString(dir.resolve(account), world.controlServer.tokenFor(account));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (world != null) {
      world.close();
    }
    if (gitHub != null) {
      gitHub.close();
    }
  }
}
