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
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The core steps, built once over the control plane's client. Singletons, not application-scoped:
 * a client proxy of a class runs the class's own constructor, so the renderer's CEL environments were
 * built twice on every start (once for the proxy, on the main thread before the port opened).
 */
@ApplicationScoped
public class CoreProducers {

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Produces
  @Singleton
  FunctionIdentities identities(KubernetesClient client,
      @ConfigProperty(name = "wfrun.kubernetes.service-account-token-dir") Optional<String> tokenDir) {
    return new FunctionIdentities(client, tokenDir.filter(d -> !d.isBlank()).map(java.nio.file.Path::of));
  }

  void closeIdentities(@Disposes FunctionIdentities identities) {
    identities.close();
  }

  /** The build planes as one function reaches them (its own identity reads the kubeconfig Secrets). */
  @Produces
  @Singleton
  FunctionPlanes buildPlanes(FunctionIdentities identities,
      @ConfigProperty(name = "wfrun.cluster-gateway.url") Optional<java.net.URI> clusterGateway) {
    return new FunctionPlanes(identities, clusterGateway);
  }

  void closeBuildPlanes(@Disposes FunctionPlanes planes) {
    planes.close();
  }

  @Produces
  @Singleton
  RunRenderer renderer() {
    return new RunRenderer();
  }

  /** queue-advance dispatches as render-dispatch does, with its identity (its Knative Service runs as wfrun-render-dispatch). */
  @Produces
  @Singleton
  dev.wfrun.core.cluster.QueueAdvance queueAdvance(FunctionIdentities identities, RenderDispatch dispatch,
      Clock clock) {
    return new dev.wfrun.core.cluster.QueueAdvance(identities.clientOf("queue-advance"), dispatch, clock);
  }

  @Produces
  @Singleton
  RenderDispatch renderDispatch(FunctionIdentities identities, FunctionPlanes planes, RunRenderer renderer,
      Clock clock) {
    return new RenderDispatch(identities.clientOf("render-dispatch"), planes.of("render-dispatch"), renderer, clock);
  }

  @Produces
  @Singleton
  StatusSync statusSync(FunctionIdentities identities, FunctionPlanes planes, Clock clock) {
    return new StatusSync(identities.clientOf("status-sync"), planes.of("status-sync"), clock);
  }

  @Produces
  @Singleton
  RunFinalizer finalizer(FunctionIdentities identities, FunctionPlanes planes) {
    return new RunFinalizer(identities.clientOf("finalize"), planes.of("finalize"));
  }

  @Produces
  @Singleton
  TtlCleanup ttlCleanup(FunctionIdentities identities, Clock clock,
      @ConfigProperty(name = "wfrun.ttl.max-deletions-per-tick", defaultValue = "1000") int maxDeletions) {
    return new TtlCleanup(identities.clientOf("ttl-cleanup"), clock, maxDeletions);
  }

  @Produces
  @Singleton
  Resync resync(FunctionIdentities identities, FunctionPlanes planes, RunRenderer renderer, Clock clock,
      @ConfigProperty(name = "wfrun.resync.dispatch-grace", defaultValue = "30s") Duration grace) {
    // resync runs the other steps inside its own Service, so under its own ServiceAccount
    KubernetesClient client = identities.clientOf("resync");
    BuildPlanes resyncPlanes = planes.of("resync");
    return new Resync(client, resyncPlanes, new RenderDispatch(client, resyncPlanes, renderer, clock),
        new StatusSync(client, resyncPlanes, clock), new RunFinalizer(client, resyncPlanes), clock, grace);
  }

  @Produces
  @Singleton
  RunCreator runCreator(FunctionIdentities identities) {
    return new RunCreator(identities.clientOf("create-runs"));
  }

  @Produces
  @Singleton
  StatusReporter statusReporter(FunctionIdentities identities,
      @ConfigProperty(name = "wfrun.commit-status.target-url") Optional<String> targetUrl) {
    org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
    return new StatusReporter(identities.clientOf("report-status"),
        new CommitStatusClients(key -> config.getOptionalValue(key, String.class)),
        targetUrl.orElse(null));
  }

  @Produces
  @Singleton
  ComponentCleanup componentCleanup(FunctionIdentities identities) {
    return new ComponentCleanup(identities.clientOf("component-cleanup"));
  }
}
