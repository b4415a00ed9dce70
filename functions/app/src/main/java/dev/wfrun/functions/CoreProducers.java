package dev.wfrun.functions;

import dev.wfrun.core.cluster.BuildPlanes;
import dev.wfrun.core.cluster.ComponentCleanup;
import dev.wfrun.core.cluster.RenderDispatch;
import dev.wfrun.core.cluster.Resync;
import dev.wfrun.core.cluster.RunCreator;
import dev.wfrun.core.cluster.RunFinalizer;
import dev.wfrun.core.cluster.StatusReporter;
import dev.wfrun.core.cluster.StatusSync;
import dev.wfrun.core.commitstatus.CommitStatusClients;
import dev.wfrun.core.cluster.TtlCleanup;
import dev.wfrun.core.render.RunRenderer;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The core steps, built once over the control plane's client. */
@ApplicationScoped
public class CoreProducers {

  @Produces
  @ApplicationScoped
  Clock clock() {
    return Clock.systemUTC();
  }

  @Produces
  @ApplicationScoped
  BuildPlanes buildPlanes(KubernetesClient client) {
    return new BuildPlanes(client);
  }

  void closeBuildPlanes(@Disposes BuildPlanes planes) {
    planes.close();
  }

  @Produces
  @ApplicationScoped
  RunRenderer renderer() {
    return new RunRenderer();
  }

  @Produces
  @ApplicationScoped
  RenderDispatch renderDispatch(KubernetesClient client, BuildPlanes planes, RunRenderer renderer, Clock clock) {
    return new RenderDispatch(client, planes, renderer, clock);
  }

  @Produces
  @ApplicationScoped
  StatusSync statusSync(KubernetesClient client, BuildPlanes planes, Clock clock) {
    return new StatusSync(client, planes, clock);
  }

  @Produces
  @ApplicationScoped
  RunFinalizer finalizer(KubernetesClient client, BuildPlanes planes) {
    return new RunFinalizer(client, planes);
  }

  @Produces
  @ApplicationScoped
  TtlCleanup ttlCleanup(KubernetesClient client, Clock clock,
      @ConfigProperty(name = "wfrun.ttl.max-deletions-per-tick", defaultValue = "1000") int maxDeletions) {
    return new TtlCleanup(client, clock, maxDeletions);
  }

  @Produces
  @ApplicationScoped
  Resync resync(KubernetesClient client, BuildPlanes planes, RenderDispatch dispatch, StatusSync sync,
      RunFinalizer finalizer, Clock clock,
      @ConfigProperty(name = "wfrun.resync.dispatch-grace", defaultValue = "30s") Duration grace) {
    return new Resync(client, planes, dispatch, sync, finalizer, clock, grace);
  }

  @Produces
  @ApplicationScoped
  RunCreator runCreator(KubernetesClient client) {
    return new RunCreator(client);
  }

  @Produces
  @ApplicationScoped
  StatusReporter statusReporter(KubernetesClient client,
      @ConfigProperty(name = "wfrun.commit-status.github.api-url", defaultValue = "https://api.github.com") String gitHubApi,
      @ConfigProperty(name = "wfrun.commit-status.github.token") Optional<String> gitHubToken,
      @ConfigProperty(name = "wfrun.commit-status.gitlab.api-url", defaultValue = "https://gitlab.com/api/v4") String gitLabApi,
      @ConfigProperty(name = "wfrun.commit-status.gitlab.token") Optional<String> gitLabToken,
      @ConfigProperty(name = "wfrun.commit-status.target-url") Optional<String> targetUrl) {
    return new StatusReporter(client, new CommitStatusClients(gitHubApi, gitHubToken, gitLabApi, gitLabToken),
        targetUrl.orElse(null));
  }

  @Produces
  @ApplicationScoped
  ComponentCleanup componentCleanup(KubernetesClient client) {
    return new ComponentCleanup(client);
  }
}
