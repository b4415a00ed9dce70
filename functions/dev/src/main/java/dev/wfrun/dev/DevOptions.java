package dev.wfrun.dev;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code wfrun dev} was asked for.
 *
 * @param repo the wfrun checkout (knative/, samples/, crds/ and the built artifacts)
 * @param port the gateway's port
 * @param apiPort the embedded API's port (0: any free one)
 * @param kubeconfig where the kubeconfig is written
 * @param webhookSecrets provider → secret, over the sample Secret's values
 * @param stepDuration how long each simulated build step takes
 * @param failStep the simulated step that fails, if any
 * @param pingSpeedUp how much faster than the wall clock PingSource schedules run
 * @param workDir logs, dead letters
 * @param archives where the children's class-data archives are kept ({@link ChildArchive})
 * @param singleApi the build plane in the control plane's API, reached directly (no agent, no cluster
 *     gateway), as a single-cluster install runs
 */
public record DevOptions(
    Path repo,
    int port,
    int apiPort,
    Path kubeconfig,
    Map<String, String> webhookSecrets,
    Duration stepDuration,
    Optional<String> failStep,
    double pingSpeedUp,
    Path workDir,
    Path archives,
    boolean singleApi) {

  public DevOptions {
    webhookSecrets = Map.copyOf(webhookSecrets);
    if (port < 1 || port > 65535) {
      throw new DevException("--port: must be 1..65535, got " + port);
    }
    if (stepDuration.isNegative()) {
      throw new DevException("--step-seconds: must not be negative");
    }
    for (String provider : webhookSecrets.keySet()) {
      if (dev.wfrun.core.webhook.GitProviders.byId(provider).isEmpty()) {
        throw new DevException("--webhook-secret: unknown provider \"" + provider + "\" ("
            + dev.wfrun.core.webhook.GitProviders.ids() + ")");
      }
    }
  }
}
