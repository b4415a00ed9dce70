package dev.wfrun.clustergateway;

import dev.wfrun.agent.AgentOptions;
import dev.wfrun.api.argo.ArgoWorkflow;
import dev.wfrun.agent.ClusterAgent;
import dev.wfrun.core.testing.AotTraining;
import dev.wfrun.core.testing.ApiServers;
import dev.wfrun.core.tunnel.AgentRouter;
import dev.wfrun.core.tunnel.PlaneKey;
import dev.wfrun.core.tunnel.ProxyPath;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The cluster gateway's ahead-of-time cache, made by {@code mvn package} on a JDK 25 (as the webhook
 * gateway's): the packaged cluster gateway starts with {@code -XX:AOTCacheOutput} on its TLS listener,
 * an agent connects with its client certificate, Kubernetes calls (a namespace, then Argo Workflows
 * created, read, listed and deleted) go through the tunnel from a caller authenticated by its ServiceAccount token, the agent leaves, and the
 * gateway stops; the JVM writes {@code app.aot} as it exits. Without a JDK 25 it says so.
 */
public final class ClusterGatewayTrainingRun {
  private ClusterGatewayTrainingRun() {}

  public static void main(String[] args) {
    AotTraining.mainOf("cluster gateway", () -> {
      Path app = Path.of(args[0]).toAbsolutePath();
      System.setProperty("wfrun.repo.root", args[1]);
      TunnelWorld world = new TunnelWorld();
      world.init(Map.of());
      Map<String, String> config = new HashMap<>(world.start());
      config.remove("quarkus.http.test-port"); // the packaged app listens where the training says
      config.put("quarkus.http.ssl-port", config.remove("quarkus.http.test-ssl-port"));
      try {
        AotTraining.record("cluster gateway", app, config, ClusterGatewayTrainingRun::tunnel);
      } finally {
        world.stop();
      }
      return null;
    });
  }

  /** An agent connects; calls of each kind go through it until the first succeeds, then a few more. */
  private static void tunnel(int port) throws Exception {
    Path dir = Files.createDirectories(TunnelWorld.dir.resolve("training"));
    Path[] cert = TunnelWorld.pki.issue(dir, "agent", KeyPurposeId.id_kp_clientAuth);
    String token = TunnelWorld.build.tokenFor(ApiServers.BUILD_PLANE_ACCOUNT);
    Path tokenFile = Files.writeString(dir.resolve("token"), token);
    AgentOptions options = new AgentOptions(URI.create("wss://127.0.0.1:" + TunnelWorld.sslPort), "workflowplane",
        "default", cert[0], cert[1], TunnelWorld.dir.resolve("ca.crt"), URI.create(TunnelWorld.build.url() + "/"),
        tokenFile, dir.resolve("none"), Duration.ofSeconds(90), Duration.ofMillis(100), Duration.ofMillis(500), true);
    AgentRouter router = new AgentRouter(options.apiServer(), () -> token, HttpClient.newHttpClient(),
        Duration.ofSeconds(10));
    Config via = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + port
        + ProxyPath.prefixFor("workflowplane", "default", PlaneKey.cluster("default")))
        .withOauthToken(TunnelWorld.control.tokenFor("wfrun-render-dispatch")).build();
    try (ClusterAgent agent = new ClusterAgent(options, router, System.out, Clock.systemUTC()).start();
        KubernetesClient tunnel = new KubernetesClientBuilder().withConfig(via).build()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (true) {
        try {
          tunnel.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("training").endMetadata()
              .build()).create();
          break;
        } catch (KubernetesClientException notYet) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("no call went through the tunnel within 60 s: " + notYet.getMessage(), notYet);
          }
          Thread.sleep(100);
        }
      }
      // what render-dispatch, status-sync and finalize do through it: Argo Workflows created, read, listed, deleted
      for (int i = 0; i < 20; i++) {
        String name = "training-" + i;
        ArgoWorkflow workflow = new ArgoWorkflow();
        workflow.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("training").build());
        tunnel.resources(ArgoWorkflow.class).inNamespace("training").resource(workflow).create();
        if (tunnel.resources(ArgoWorkflow.class).inNamespace("training").withName(name).get() == null) {
          throw new IllegalStateException("Argo Workflow " + name + " not found through the tunnel");
        }
        tunnel.resources(ArgoWorkflow.class).inNamespace("training").list();
        tunnel.resources(ArgoWorkflow.class).inNamespace("training").withName(name).delete();
      }
    }
  }
}
