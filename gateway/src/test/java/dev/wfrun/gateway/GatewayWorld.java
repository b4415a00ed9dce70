package dev.wfrun.gateway;

import dev.wfrun.core.testing.ApiServers;
import dev.wfrun.core.testing.World;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The sample world (its API server also answering TokenReviews and SubjectAccessReviews) plus
 * upstream's webhook Secret; the gateway's client points at its control plane. */
public class GatewayWorld implements QuarkusTestResourceLifecycleManager {
  static final String GITHUB_SECRET = "gh-webhook-secret";
  static final String GITEA_SECRET = "gitea-webhook-secret";
  static final String BUILDER = "system:serviceaccount:openchoreo-ci-default:workflow-sa";
  static final String BUILDER_TOKEN = "builder-token";
  static final String READER_TOKEN = "reader-token";
  /** A developer who may get, list, update (cancel) and create (re-run) WorkflowRuns in default. */
  static final String DEV_TOKEN = "dev-token";
  static World world;
  /** The gateway's ServiceAccount in this test (its RBAC from knative/): wfrun-gateway unless set. */
  private String serviceAccount = "wfrun-gateway";
  /** A Broker that accepts every event and delivers none (create-runs down, the events dead-lettered). */
  private boolean lostBroker;
  private com.sun.net.httpserver.HttpServer broker;
  static final java.util.concurrent.atomic.AtomicInteger BROKER_EVENTS = new java.util.concurrent.atomic.AtomicInteger();

  @Override
  public void init(Map<String, String> initArgs) {
    serviceAccount = initArgs.getOrDefault("serviceAccount", serviceAccount);
    lostBroker = Boolean.parseBoolean(initArgs.getOrDefault("lostBroker", "false"));
  }

  @Override
  public Map<String, String> start() {
    world = new World(ApiServers.controlPlaneReviewing(
        Map.of(BUILDER_TOKEN, BUILDER, READER_TOKEN, "reader", DEV_TOKEN, "dev"),
        java.util.Set.of(ApiServers.grant(BUILDER, "create", "openchoreo.dev/workloads", "default"),
            ApiServers.grant("dev", "get", "openchoreo.dev/workflowruns", "default"),
            ApiServers.grant("dev", "list", "openchoreo.dev/workflowruns", "default"),
            ApiServers.grant("dev", "update", "openchoreo.dev/workflowruns", "default"),
            ApiServers.grant("dev", "create", "openchoreo.dev/workflowruns", "default"),
            ApiServers.grant("dev", "delete", "openchoreo.dev/workflowruns", "default"),
            ApiServers.grant("dev", "get", "openchoreo.dev/workflows", "default"),
            ApiServers.grant("dev", "list", "openchoreo.dev/workflows", "default"),
            ApiServers.grant("dev", "list", "openchoreo.dev/clusterworkflowplanes", ApiServers.CLUSTER_WIDE),
            ApiServers.grant("dev", "list", "openchoreo.dev/workflowplanes", "default"),
            ApiServers.grant(BUILDER, "update", "openchoreo.dev/workloads", "default"))));
    world.webhookSecrets(Map.of("github-secret", GITHUB_SECRET, "gitea-secret", GITEA_SECRET));
    Map<String, String> config = new java.util.HashMap<>();
    if (lostBroker) {
      try {
        broker = com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 8);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      broker.createContext("/", exchange -> {
        exchange.getRequestBody().readAllBytes();
        BROKER_EVENTS.incrementAndGet();
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
      });
      broker.start();
      config.put("wfrun.gateway.broker-url", "http://127.0.0.1:" + broker.getAddress().getPort() + "/");
      config.put("wfrun.gateway.handoff.confirm-within", "300ms");
    }
    config.putAll(Map.of(
        "quarkus.kubernetes-client.api-server-url", world.controlServer.url(),
        "quarkus.kubernetes-client.token", world.controlServer.tokenFor(serviceAccount),
        "quarkus.kubernetes-client.trust-certs", "true",
        "wfrun.gateway.bot-pushers", "gitops-bot",
        "wfrun.gateway.rate-limit.per-second", "100000",
        "wfrun.gateway.rate-limit.burst", "100000",
        // as deployed (knative/510-gateway.yaml): the Workload API's Service serves no webhooks
        "wfrun.gateway.autobuild.enabled", String.valueOf(serviceAccount.equals("wfrun-gateway"))));
    if (serviceAccount.equals("wfrun-admission")) {
      // as deployed (knative/530-admission.yaml): admission only
      config.put("wfrun.gateway.workload-api.enabled", "false");
      config.put("wfrun.admission.enabled", "true");
    }
    return config;
  }

  @Override
  public void stop() {
    if (broker != null) {
      broker.stop(0);
    }
    if (world != null) {
      world.close();
    }
  }
}
