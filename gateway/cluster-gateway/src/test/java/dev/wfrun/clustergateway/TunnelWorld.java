package dev.wfrun.clustergateway;

import dev.wfrun.agent.TestPki;
import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.core.testing.ApiServers;
import dev.wfrun.core.testing.Fixtures;
import dev.wfrun.core.testing.Repo;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * A control plane (the strict API with wfrun's CRDs and knative/'s RBAC, a ClusterWorkflowPlane whose
 * clientCA is a test CA), a separate build plane, and the gateway's TLS certificate, for the cluster
 * gateway under test. Plain fields for the tests: they run in the same class loader as the resource.
 */
public class TunnelWorld implements QuarkusTestResourceLifecycleManager {
  static ApiServers control;
  static ApiServers build;
  static TestPki pki;
  static Path dir;
  static int sslPort;
  static int port;
  /** The Broker's events, as the gateway posts them: type, kind, name and body. */
  static final java.util.concurrent.BlockingQueue<String[]> EVENTS = new java.util.concurrent.LinkedBlockingQueue<>();
  private com.sun.net.httpserver.HttpServer broker;
  private String pingInterval = "1s";
  private String pollInterval = "1s";
  private String headerTimeout;

  @Override
  public void init(Map<String, String> initArgs) {
    pingInterval = initArgs.getOrDefault("pingInterval", pingInterval);
    pollInterval = initArgs.getOrDefault("pollInterval", pollInterval);
    headerTimeout = initArgs.get("headerTimeout");
  }

  @Override
  public Map<String, String> start() {
    try {
      dir = Files.createTempDirectory("wfrun-tunnel");
      pki = new TestPki("wfrun agent CA");
      Path[] server = pki.issue(dir, "gateway", KeyPurposeId.id_kp_serverAuth, true);
      pki.writeCa(dir, "ca.crt");
      control = ApiServers.controlPlane();
      build = ApiServers.buildPlane();
      ClusterWorkflowPlane plane = Fixtures.as(Repo.sample("platform/clusterworkflowplane-default.yaml").node(),
          ClusterWorkflowPlane.class);
      var spec = plane.getSpec();
      plane.setSpec(new dev.wfrun.api.v1alpha1.WorkflowPlaneSpec("default",
          new dev.wfrun.api.v1alpha1.WorkflowPlaneSpec.ClusterAgent(
              new dev.wfrun.api.v1alpha1.WorkflowPlaneSpec.ValueFrom(null, pki.caPem())),
          spec.secretStoreRef(), spec.observabilityPlaneRef()));
      control.client().resource(plane).create();
      broker = com.sun.net.httpserver.HttpServer.create(
          new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
      broker.createContext("/", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        EVENTS.add(new String[] {exchange.getRequestHeaders().getFirst("ce-type"),
            exchange.getRequestHeaders().getFirst("ce-kind"), exchange.getRequestHeaders().getFirst("ce-name"), body,
            exchange.getRequestHeaders().getFirst("ce-source")});
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
      });
      broker.start();
      sslPort = freePort();
      port = freePort();
      Map<String, String> config = new java.util.HashMap<>(Map.of(
          "quarkus.kubernetes-client.api-server-url", control.url(),
          "quarkus.kubernetes-client.token", control.tokenFor("wfrun-cluster-gateway"),
          "quarkus.kubernetes-client.trust-certs", "true",
          "quarkus.http.test-port", String.valueOf(port),
          "wfrun.cluster-gateway.public.port", String.valueOf(sslPort),
          "wfrun.cluster-gateway.public.certificate", server[0].toString(),
          "wfrun.cluster-gateway.public.key", server[1].toString(),
          "wfrun.cluster-gateway.ping-interval", pingInterval,
          "wfrun.cluster-gateway.poll-interval", pollInterval,
          "wfrun.cluster-gateway.broker-url", "http://127.0.0.1:" + broker.getAddress().getPort() + "/wfrun-system/wfrun"));
      if (headerTimeout != null) {
        config.put("wfrun.cluster-gateway.public.header-timeout", headerTimeout);
      }
      return config;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A build plane whose API serves chunked watches (wfrun dev's embedded API with its front), with
   * wfrun's CRDs and the RBAC of knative/build-plane.
   */
  static dev.wfrun.dev.api.EmbeddedApiServer streamingBuildPlane() throws Exception {
    var plane = dev.wfrun.dev.api.EmbeddedApiServer.start(0, java.time.Clock.systemUTC());
    plane.installCrds();
    plane.applyRbac(Repo.root().resolve("knative/build-plane"));
    return plane;
  }

  /**
   * A started agent of plane "default" that announces wfrun's stream extension and serves
   * {@code plane} as the build plane's ServiceAccount, re-reading its token file as in production.
   */
  static dev.wfrun.agent.ClusterAgent streamingAgent(String name, dev.wfrun.dev.api.EmbeddedApiServer plane,
      java.io.PrintStream log) throws Exception {
    Path agentDir = Files.createDirectories(dir.resolve(name));
    Path[] cert = pki.issue(agentDir, "agent", KeyPurposeId.id_kp_clientAuth);
    Path token = agentDir.resolve("token");
    Files.writeString(token, plane.tokenFor(ApiServers.BUILD_PLANE_ACCOUNT));
    var options = new dev.wfrun.agent.AgentOptions(java.net.URI.create("wss://127.0.0.1:" + sslPort), "workflowplane",
        "default", cert[0], cert[1], dir.resolve("ca.crt"), java.net.URI.create(plane.url() + "/"), token,
        agentDir.resolve("none"), java.time.Duration.ofSeconds(90), java.time.Duration.ofMillis(100),
        java.time.Duration.ofMillis(500), true);
    var router = new dev.wfrun.core.tunnel.AgentRouter(options.apiServer(), () -> readToken(token),
        java.net.http.HttpClient.newBuilder().sslContext(plane.tls().clientContext()).build(),
        java.time.Duration.ofSeconds(10));
    return new dev.wfrun.agent.ClusterAgent(options, router, log, java.time.Clock.systemUTC()).start();
  }

  static String readToken(Path token) {
    try {
      return Files.readString(token).trim();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void stop() {
    if (broker != null) {
      broker.stop(0);
    }
    if (build != null) {
      build.close();
    }
    if (control != null) {
      control.close();
    }
  }
}
