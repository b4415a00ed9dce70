package dev.wfrun.clustergateway;

import dev.wfrun.agent.AgentOptions;
import dev.wfrun.agent.ClusterAgent;
import dev.wfrun.core.testing.ApiServers;
import dev.wfrun.core.tunnel.AgentRouter;
import dev.wfrun.core.tunnel.PlaneKey;
import dev.wfrun.core.tunnel.ProxyPath;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The tunnel's added latency, side by side in one run (the gateway with its production heartbeat
 * and poll intervals): the same GET (one namespace) direct to the
 * build plane's API and through gateway and agent, paced at 200 requests/s, 2,000 each per round, in
 * three rounds after a warm-up of {@value #WARM_UP} requests back to back on each path (as JMH warms up:
 * the gateway is a long-running service, and until the JVM has compiled the path the tail is the
 * compiler's, not the tunnel's); then as fast as one client can go through one agent. A load run, not a test: excluded
 * from {@code mvn verify}; run it with
 * {@code mvn -B test -pl gateway/cluster-gateway -Dgroups=bench -Dwfrun.excluded.groups=none -Dtest=TunnelLatencyBench}.
 */
@QuarkusTest
@Tag("bench")
@QuarkusTestResource(value = TunnelWorld.class, restrictToAnnotatedClass = true, initArgs = {
    @io.quarkus.test.common.ResourceArg(name = "pingInterval", value = "30s"),
    @io.quarkus.test.common.ResourceArg(name = "pollInterval", value = "20s")})
class TunnelLatencyBench {
  private static final int REQUESTS = 2_000;
  private static final int WARM_UP = 30_000;
  private static final long PACE_NANOS = 5_000_000; // 200/s

  @Test
  void getThroughTheTunnelAgainstDirect() throws Exception {
    Path dir = Files.createDirectories(TunnelWorld.dir.resolve("bench"));
    Path[] cert = TunnelWorld.pki.issue(dir, "agent", KeyPurposeId.id_kp_clientAuth);
    Path token = dir.resolve("token");
    Files.writeString(token, TunnelWorld.build.tokenFor(ApiServers.BUILD_PLANE_ACCOUNT));
    AgentOptions options = new AgentOptions(URI.create("wss://127.0.0.1:" + TunnelWorld.sslPort), "workflowplane",
        "default", cert[0], cert[1], TunnelWorld.dir.resolve("ca.crt"), URI.create(TunnelWorld.build.url() + "/"), token,
        dir.resolve("none"), Duration.ofSeconds(90), Duration.ofMillis(100), Duration.ofMillis(500), true);
    AgentRouter router = new AgentRouter(options.apiServer(), () -> TunnelWorld.build.tokenFor(ApiServers.BUILD_PLANE_ACCOUNT),
        HttpClient.newBuilder().executor(Runnable::run).build(), // as ClusterAgent.of builds it
        Duration.ofSeconds(10));
    try (ClusterAgent agent = new ClusterAgent(options, router, System.out,
        Clock.systemUTC()).start()) {
      while (!agent.connected()) {
        Thread.sleep(20);
      }
      Thread.sleep(1500);
      TunnelWorld.build.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("bench")
          .endMetadata().build()).createOr(n -> n.update());
      KubernetesClient direct = TunnelWorld.build.server().clientAs("wfrun-system", ApiServers.BUILD_PLANE_ACCOUNT);
      Config viaConfig = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + TunnelWorld.port
          + ProxyPath.prefixFor("workflowplane", "default", PlaneKey.cluster("default")))
          .withOauthToken(TunnelWorld.control.tokenFor("wfrun-render-dispatch")).build();
      try (KubernetesClient tunnel = new KubernetesClientBuilder().withConfig(viaConfig).build()) {
        long warming = System.nanoTime();
        for (int i = 0; i < WARM_UP; i++) {
          direct.namespaces().withName("bench").get();
          tunnel.namespaces().withName("bench").get();
        }
        System.out.printf("warm-up: %d GETs on each path in %.1f s%n", WARM_UP, (System.nanoTime() - warming) / 1e9);
        for (int round = 1; round <= 3; round++) {
          long[] d = paced(direct);
          long[] t = paced(tunnel);
          System.out.printf("round %d at 200/s: direct p50 %.2f ms p99 %.2f ms; tunnel p50 %.2f ms p99 %.2f ms; "
              + "added p50 %.2f ms p99 %.2f ms%n", round, ms(d, 50), ms(d, 99), ms(t, 50), ms(t, 99),
              ms(t, 50) - ms(d, 50), ms(t, 99) - ms(d, 99));
        }
        long start = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
          tunnel.namespaces().withName("bench").get();
        }
        System.out.printf("one client, back to back through one agent: %.0f requests/s%n",
            REQUESTS / ((System.nanoTime() - start) / 1e9));
      }
    }
  }

  private static long[] paced(KubernetesClient client) throws InterruptedException {
    for (int i = 0; i < 2_000; i++) {
      client.namespaces().withName("bench").get();
    }
    long[] nanos = new long[REQUESTS];
    long next = System.nanoTime();
    for (int i = 0; i < REQUESTS; i++) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      long t0 = System.nanoTime();
      client.namespaces().withName("bench").get();
      nanos[i] = System.nanoTime() - t0;
      next += PACE_NANOS;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static double ms(long[] sorted, int percentile) {
    return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
  }
}
