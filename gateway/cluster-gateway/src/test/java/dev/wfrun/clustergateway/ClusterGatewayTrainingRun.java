package dev.wfrun.clustergateway;

import dev.wfrun.api.argo.ArgoWorkflow;
import dev.wfrun.core.runtime.Jdk25;
import dev.wfrun.core.testing.AotTraining;
import dev.wfrun.core.testing.ApiServers;
import dev.wfrun.core.tunnel.PlaneKey;
import dev.wfrun.core.tunnel.ProxyPath;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
      Path agentJar = Path.of(args[2]).toAbsolutePath().normalize();
      TunnelWorld world = new TunnelWorld();
      world.init(Map.of());
      Map<String, String> config = new HashMap<>(world.start());
      config.remove("quarkus.http.test-port"); // the packaged app listens where the training says
      try {
        AotTraining.record("cluster gateway", app, config, port -> tunnel(port, agentJar));
      } finally {
        world.stop();
      }
      return null;
    });
  }

  /** An agent connects; calls of each kind go through it until the first succeeds, then a few more. */
  private static void tunnel(int port, Path agentJar) throws Exception {
    Path dir = Files.createDirectories(TunnelWorld.dir.resolve("training"));
    Path[] cert = TunnelWorld.pki.issue(dir, "agent", KeyPurposeId.id_kp_clientAuth);
    Path tokenFile = Files.writeString(dir.resolve("token"), TunnelWorld.build.tokenFor(ApiServers.BUILD_PLANE_ACCOUNT));
    Path agentCache = agentJar.resolveSibling("wfrun-cluster-agent.aot");
    Files.deleteIfExists(agentCache);
    Path agentLog = agentJar.resolveSibling("aot-training.log");
    ProcessBuilder agentCommand = new ProcessBuilder(Jdk25.find().orElseThrow().resolve("bin/java").toString(),
        "-XX:AOTCacheOutput=" + agentCache, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xlog:aot=warning",
        "-jar", agentJar.toString()).redirectErrorStream(true).redirectOutput(agentLog.toFile());
    agentCommand.environment().putAll(Map.of("WFRUN_AGENT_GATEWAY_URL", "wss://127.0.0.1:" + TunnelWorld.sslPort,
        "WFRUN_AGENT_PLANE_ID", "default", "WFRUN_AGENT_CERT", cert[0].toString(), "WFRUN_AGENT_KEY", cert[1].toString(),
        "WFRUN_AGENT_CA", TunnelWorld.dir.resolve("ca.crt").toString(),
        "WFRUN_AGENT_API_SERVER", TunnelWorld.build.url() + "/", "WFRUN_AGENT_TOKEN_FILE", tokenFile.toString(),
        "WFRUN_AGENT_API_CA", dir.resolve("none").toString()));
    Config via = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + port
        + ProxyPath.prefixFor("workflowplane", "default", PlaneKey.cluster("default")))
        .withOauthToken(TunnelWorld.control.tokenFor("wfrun-render-dispatch")).build();
    Process agent = agentCommand.start();
    try (KubernetesClient tunnel = new KubernetesClientBuilder().withConfig(via).build()) {
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
    } finally {
      agent.destroy(); // SIGTERM: the agent hangs up, then its JVM writes the cache
      if (!agent.waitFor(180, TimeUnit.SECONDS)) {
        agent.destroyForcibly();
      }
    }
    if (!Files.isRegularFile(agentCache)) {
      throw new IllegalStateException("the agent's training wrote no " + agentCache + "; see " + agentLog);
    }
    System.out.printf("[wfrun] AOT cache (cluster agent): %s (%d MB)%n", agentCache,
        Files.size(agentCache) / (1024 * 1024));
  }
}
