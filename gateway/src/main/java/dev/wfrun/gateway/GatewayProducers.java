package dev.wfrun.gateway;

import dev.wfrun.core.cluster.RunHandOff;
import dev.wfrun.core.webhook.AutoBuild;
import dev.wfrun.core.webhook.GitProvider;
import dev.wfrun.core.webhook.RepositoryRateLimiter;
import dev.wfrun.core.workload.WorkloadApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import io.quarkus.runtime.StartupEvent;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The core auto-build and where its runs go, configured once. */
@ApplicationScoped
public class GatewayProducers {

  @Produces
  @ApplicationScoped
  AutoBuild autoBuild(AutoBuild.Secrets secrets, InformerLookups lookups,
      @ConfigProperty(name = "wfrun.gateway.bot-pushers") Optional<List<String>> bots,
      @ConfigProperty(name = "wfrun.gateway.rate-limit.per-second", defaultValue = "5") double perSecond,
      @ConfigProperty(name = "wfrun.gateway.rate-limit.burst", defaultValue = "20") int burst) {
    return new AutoBuild(secrets, lookups, new HashSet<>(bots.orElse(List.of())),
        new RepositoryRateLimiter(perSecond, burst, java.time.Clock.systemUTC()));
  }

  /**
   * Where webhook secrets come from: upstream's Kubernetes Secret (default), or on Lambda one AWS
   * Secrets Manager secret with the same keys, read through the Parameters and Secrets extension.
   */
  @Produces
  @ApplicationScoped
  AutoBuild.Secrets webhookSecrets(KubernetesClient client,
      @ConfigProperty(name = "wfrun.gateway.secret-source", defaultValue = "kubernetes") String source,
      @ConfigProperty(name = "wfrun.gateway.secret-namespace", defaultValue = "openchoreo-control-plane") String namespace,
      @ConfigProperty(name = "wfrun.gateway.secret-name", defaultValue = "git-webhook-secrets") String name,
      @ConfigProperty(name = "wfrun.gateway.aws-secret-id", defaultValue = " ") String awsSecretId,
      @ConfigProperty(name = "wfrun.gateway.aws-secrets-extension-url", defaultValue = "http://localhost:2773")
      String extensionUrl,
      @ConfigProperty(name = "wfrun.gateway.aws-secret-ttl", defaultValue = "5m") java.time.Duration ttl) {
    return switch (source) {
      case "kubernetes" -> new WebhookSecretStore(client, namespace, name);
      case "aws-secrets-manager" -> new dev.wfrun.core.webhook.AwsSecretsManagerSecrets(extensionUrl,
          awsSecretId.trim(), System.getenv("AWS_SESSION_TOKEN"), ttl, java.time.Clock.systemUTC());
      default -> throw new IllegalArgumentException("wfrun.gateway.secret-source: \"" + source
          + "\" is not one of kubernetes, aws-secrets-manager");
    };
  }

  void closeSecrets(@jakarta.enterprise.inject.Disposes AutoBuild.Secrets secrets) throws Exception {
    if (secrets instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  /**
   * Runs are announced to the Broker for create-runs when one is configured, and confirmed to exist
   * (created here if create-runs has not within {@code handoff.confirm-within}); without a Broker
   * they are created here. Either way a 2xx means the runs exist.
   */
  @Produces
  @ApplicationScoped
  RunHandOff handOff(KubernetesClient client,
      @ConfigProperty(name = "wfrun.gateway.broker-url") Optional<URI> broker,
      @ConfigProperty(name = "wfrun.gateway.handoff.confirm-within", defaultValue = "1s") java.time.Duration confirm) {
    Optional<RunHandOff.Channel> channel = broker.map(BrokerRunSubmitter::new).map(b -> b::send);
    java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "wfrun-handoff");
      t.setDaemon(true);
      return t;
    });
    return new RunHandOff(client, channel, confirm, workers);
  }

  /**
   * The run API, working as this service's identity once the caller is authorised; its planes are
   * reached as the functions reach them (a kubeconfig Secret, or the cluster gateway when configured).
   */
  @Produces
  @ApplicationScoped
  dev.wfrun.core.runapi.RunApi runApi(KubernetesClient client,
      @ConfigProperty(name = "wfrun.cluster-gateway.url") Optional<URI> clusterGateway) {
    dev.wfrun.core.cluster.BuildPlanes planes = new dev.wfrun.core.cluster.BuildPlanes(client, clusterGateway);
    java.time.Clock clock = java.time.Clock.systemUTC();
    return new dev.wfrun.core.runapi.RunApi(client, new dev.wfrun.core.cluster.RunCancel(client, planes, clock),
        new dev.wfrun.core.cluster.RunRerun(client), new dev.wfrun.core.cluster.LiveRunObjects(client, planes),
        new dev.wfrun.core.cluster.ComponentBuild(client, clock));
  }

  /**
   * Step logs (read, followed) and pod events; a follow streams each container's log from the kubelet
   * ({@code wfrun.run-api.follow.stream}), reads the plane every {@code wfrun.run-api.follow.poll} besides,
   * and ends after {@code wfrun.run-api.follow.max} at the latest.
   */
  @Produces
  @ApplicationScoped
  dev.wfrun.core.runapi.RunLogsApi runLogsApi(KubernetesClient client,
      @ConfigProperty(name = "wfrun.cluster-gateway.url") Optional<URI> clusterGateway,
      @ConfigProperty(name = "wfrun.run-api.follow.poll", defaultValue = "PT1S") java.time.Duration poll,
      @ConfigProperty(name = "wfrun.run-api.follow.max", defaultValue = "PT1H") java.time.Duration max,
      @ConfigProperty(name = "wfrun.run-api.follow.stream", defaultValue = "true") boolean stream,
      @ConfigProperty(name = "wfrun.run-api.observer-token-file",
          defaultValue = "/var/run/secrets/kubernetes.io/serviceaccount/token") java.nio.file.Path observerToken) {
    dev.wfrun.core.cluster.BuildPlanes planes = new dev.wfrun.core.cluster.BuildPlanes(client, clusterGateway);
    // the observer is shown this service's own token, re-read on each query (it rotates)
    java.util.function.Supplier<Optional<String>> token = () -> {
      try {
        return Optional.of(java.nio.file.Files.readString(observerToken).strip());
      } catch (java.io.IOException e) {
        return Optional.empty();
      }
    };
    dev.wfrun.core.cluster.RunLogs logs = new dev.wfrun.core.cluster.RunLogs(client, planes,
        new dev.wfrun.core.cluster.StepLogArchive(client, dev.wfrun.core.cluster.StepLogArchive.DEFAULT_NAMESPACE),
        new dev.wfrun.core.cluster.ObserverLogs(client, planes, token));
    return new dev.wfrun.core.runapi.RunLogsApi(client, logs, new dev.wfrun.core.cluster.RunLogFollow(client, logs,
        java.time.Clock.systemUTC(), poll, max, dev.wfrun.core.cluster.RunLogFollow.sleeping(), stream),
        new dev.wfrun.core.cluster.RunEvents(client, planes));
  }

  @Produces
  @ApplicationScoped
  dev.wfrun.core.runapi.WorkflowCatalogApi workflowCatalogApi(KubernetesClient client) {
    return new dev.wfrun.core.runapi.WorkflowCatalogApi(client);
  }

  /** The admission webhook's checks; built on first use, so only where admission is served. */
  @Produces
  @ApplicationScoped
  dev.wfrun.core.admission.AdmissionReviewer admissionReviewer(KubernetesClient client) {
    return new dev.wfrun.core.admission.AdmissionReviewer(new dev.wfrun.core.validation.ObjectValidator(),
        new dev.wfrun.core.admission.ClusterChecks(client));
  }

  /** Built on first use (it reads the CRD schemas), so only where the Workload API is called. */
  @Produces
  @ApplicationScoped
  WorkloadApi workloadApi(KubernetesClient client) {
    return new WorkloadApi(client);
  }

  /**
   * Fills the informer caches at start, not on the first delivery: matching then never waits
   * for the API server (it runs on the event loop). Skipped where webhooks are not served.
   */
  void warm(@Observes StartupEvent start, Instance<InformerLookups> lookups, Instance<AutoBuild.Secrets> secrets,
      Instance<AutoBuild> autoBuild,
      @ConfigProperty(name = "wfrun.gateway.autobuild.enabled", defaultValue = "true") boolean enabled) {
    if (enabled) {
      AutoBuild.Secrets store = secrets.get();
      store.anyComponentSecrets(); // creates the store: its Secrets are read while the caches below list
      lookups.get().awaitSynced();
      store.awaitSynced();
      autoBuild.get().prepare();
    }
  }
}
