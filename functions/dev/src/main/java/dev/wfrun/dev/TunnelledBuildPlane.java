package dev.wfrun.dev;

import dev.wfrun.agent.AgentOptions;
import dev.wfrun.agent.ClusterAgent;
import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.dev.api.EmbeddedApiServer;
import dev.wfrun.dev.tunnel.LoopbackPki;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * {@code wfrun dev}'s build plane as a cluster behind a firewall: a second embedded API (where the
 * simulated build plane plays Argo's controller), the real cluster gateway as a child process
 * beside the other deployables, and the real cluster agent dialling it over mTLS WebSockets on
 * loopback. The CA and both certificates are made at start; the CA goes where the sample plane's
 * {@code clientCA.secretKeyRef} points, as a platform engineer would put it. Every call a function
 * makes to the build plane crosses the tunnel; status changes come back as the gateway's events.
 */
final class TunnelledBuildPlane implements AutoCloseable {
  /** The sample plane's {@code spec.clusterAgent.clientCA.secretKeyRef}. */
  static final String CA_SECRET_NAMESPACE = "openchoreo-system";
  static final String CA_SECRET = "workflowplane-agent-ca";
  static final String CA_KEY = "ca.crt";
  private static final String PLANE = "default";
  private static final String AGENT_ACCOUNT = "wfrun-build-plane";
  private final LoopbackPki pki;
  private final Path dir;
  private final int internalPort;
  private final int publicPort;
  private EmbeddedApiServer api;
  private ClusterAgent agent;
  private PrintStream log;

  private TunnelledBuildPlane(LoopbackPki pki, Path dir, int internalPort, int publicPort) {
    this.pki = pki;
    this.dir = dir;
    this.internalPort = internalPort;
    this.publicPort = publicPort;
  }

  /** The tunnel's CA and ports (none of {@code taken}); certificates go under {@code dir}. */
  static TunnelledBuildPlane prepare(Path dir, int... taken) {
    int[] used = java.util.Arrays.copyOf(taken, taken.length + 1);
    int internal = Ports.freeExcept(taken);
    used[taken.length] = internal;
    return new TunnelledBuildPlane(LoopbackPki.create("wfrun dev build-plane agent CA"), dir, internal,
        Ports.freeExcept(used));
  }

  /**
   * Starts the build plane's API, with Argo's and wfrun's CRDs and the RBAC of {@code knative/build-plane}
   * (while the children start: nothing of theirs needs it before the agent connects).
   */
  EmbeddedApiServer startApi(Path repo) throws IOException {
    api = EmbeddedApiServer.start(0, Clock.systemUTC());
    api.installCrds();
    api.applyRbac(repo.resolve("knative/build-plane"));
    return api;
  }

  /** The build plane's API (the simulated build plane's client, and a kubeconfig for users). */
  EmbeddedApiServer api() {
    return api;
  }

  /** The gateway's internal listener: the functions' {@code wfrun.cluster-gateway.url}. */
  String internalUrl() {
    return "http://127.0.0.1:" + internalPort;
  }

  int internalPort() {
    return internalPort;
  }

  /** Where agents dial. */
  URI publicUrl() {
    return URI.create("wss://127.0.0.1:" + publicPort);
  }

  /**
   * The cluster gateway's environment: it reads the planes from {@code controlKubeconfig} (as its own
   * ServiceAccount), serves agents with its server certificate, and posts status events to the Broker.
   */
  Map<String, String> gatewayEnvironment(Path controlKubeconfig, String brokerUrl) throws IOException {
    LoopbackPki.Issued server = pki.issue(dir.resolve("cluster-gateway"), "wfrun-cluster-gateway",
        KeyPurposeId.id_kp_serverAuth);
    Map<String, String> env = new HashMap<>();
    env.put("KUBECONFIG", controlKubeconfig.toString());
    env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    env.put("WFRUN_CLUSTER_GATEWAY_PUBLIC_PORT", String.valueOf(publicPort));
    env.put("WFRUN_CLUSTER_GATEWAY_PUBLIC_CERTIFICATE", server.certificate().toString());
    env.put("WFRUN_CLUSTER_GATEWAY_PUBLIC_KEY", server.key().toString());
    env.put("WFRUN_CLUSTER_GATEWAY_BROKER_URL", brokerUrl);
    return env;
  }

  /** The plane's CA where its {@code clientCA.secretKeyRef} points (the gateway checks agents against it). */
  void publishCa(KubernetesClient control) {
    control.secrets().inNamespace(CA_SECRET_NAMESPACE).resource(new SecretBuilder().withNewMetadata()
        .withName(CA_SECRET).withNamespace(CA_SECRET_NAMESPACE).endMetadata()
        .addToStringData(CA_KEY, pki.caPem()).build()).createOr(r -> r.update());
  }

  /**
   * Starts the agent as its Deployment would run it: certificate files, the gateway's CA, the build
   * plane's API with its CA file, and the ServiceAccount token of {@code knative/build-plane}; its
   * log lines (connects, refusals, drops) go to {@code logFile}. It may start before the gateway
   * listens: it dials again every 100–250 ms (loopback, so a short backoff) until it is in.
   */
  void startAgent(Path logFile) throws IOException {
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    log = new PrintStream(Files.newOutputStream(logFile), true, java.nio.charset.StandardCharsets.UTF_8);
    Path agentDir = dir.resolve("cluster-agent");
    LoopbackPki.Issued client = pki.issue(agentDir, "wfrun-cluster-agent", KeyPurposeId.id_kp_clientAuth);
    Path ca = pki.writeCa(agentDir.resolve("ca.crt"));
    Path apiCa = Files.writeString(agentDir.resolve("api-ca.crt"), api.tls().pem());
    Path token = Files.writeString(agentDir.resolve("token"), api.tokenFor(AGENT_ACCOUNT));
    AgentOptions options = new AgentOptions(publicUrl(), "workflowplane", PLANE, client.certificate(), client.key(), ca,
        URI.create(api.url() + "/"), token, apiCa, Duration.ofSeconds(90), Duration.ofMillis(100),
        Duration.ofMillis(250), true);
    try {
      agent = ClusterAgent.of(options, log).start();
    } catch (java.security.GeneralSecurityException e) {
      throw new DevException("cannot start the cluster agent: " + e.getMessage(), e);
    }
  }

  /** Whether the control plane's plane says its agent is connected (the gateway wrote it). */
  static boolean connected(KubernetesClient control) {
    ClusterWorkflowPlane plane = control.resources(ClusterWorkflowPlane.class).withName(PLANE).get();
    return plane != null && plane.getStatus() != null && plane.getStatus().agentConnection() != null
        && plane.getStatus().agentConnection().connected();
  }

  /** The agent hangs up (before the gateway stops, so it does not dial a stopping gateway). */
  void stopAgent() {
    if (agent != null) {
      agent.close();
    }
  }

  @Override
  public void close() {
    stopAgent();
    if (log != null) {
      log.close();
    }
    if (api != null) {
      api.close();
    }
  }
}
