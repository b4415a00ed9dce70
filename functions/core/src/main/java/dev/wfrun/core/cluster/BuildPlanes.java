package dev.wfrun.core.cluster;

import dev.wfrun.core.resolve.ResolvedPlane;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kubernetes client of each build plane, created once per plane and reused. By default the
 * build plane is the control plane (single cluster). A WorkflowPlane or ClusterWorkflowPlane
 * annotated {@value #KUBECONFIG_ANNOTATION}{@code : <namespace>/<secret>} names a Secret holding a
 * kubeconfig (key {@code kubeconfig}) for a separate build-plane cluster; the CRDs stay
 * upstream-compatible. A changed Secret gives a new client (checked at most every 30 s).
 */
public final class BuildPlanes implements AutoCloseable {
  public static final String KUBECONFIG_ANNOTATION = "wfrun.dev/kubeconfig-secret";
  static final String KUBECONFIG_KEY = "kubeconfig";

  /** How long a plane's client is used before its kubeconfig Secret is checked for changes. */
  static final Duration RECHECK = Duration.ofSeconds(30);

  private final KubernetesClient controlPlane;
  private final java.util.Optional<java.net.URI> clusterGateway;
  private final Map<String, Cached> clients = new ConcurrentHashMap<>();
  private final Map<String, KubernetesClient> tunnels = new ConcurrentHashMap<>();

  private record Cached(String secretVersion, KubernetesClient client, long checkedAt) {}

  public BuildPlanes(KubernetesClient controlPlane) {
    this(controlPlane, java.util.Optional.empty());
  }

  /**
   * @param clusterGateway the cluster gateway's internal listener ({@code wfrun.cluster-gateway.url});
   *     planes with a {@code spec.clusterAgent.clientCA} are reached through it, with this client's
   *     own credentials (the gateway reviews them)
   */
  public BuildPlanes(KubernetesClient controlPlane, java.util.Optional<java.net.URI> clusterGateway) {
    this.controlPlane = controlPlane;
    this.clusterGateway = clusterGateway;
  }

  /**
   * The client of this plane's cluster, chosen here and only here: the kubeconfig Secret the plane is
   * annotated with; else, for a plane behind a cluster agent (it has a clientCA) when a cluster
   * gateway is configured, the gateway's proxy path for that plane; else the control plane itself.
   */
  public KubernetesClient clientFor(ResolvedPlane plane) {
    String secretRef = plane == null ? null : plane.annotations().get(KUBECONFIG_ANNOTATION);
    if (secretRef == null || secretRef.isBlank()) {
      if (plane != null && throughGateway(plane)) {
        return tunnels.computeIfAbsent(plane.reference(), k -> tunnelClient(plane));
      }
      return controlPlane;
    }
    Cached recent = clients.get(plane.reference());
    if (recent != null && System.nanoTime() - recent.checkedAt() < RECHECK.toNanos()) {
      return recent.client();
    }
    int slash = secretRef.indexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException(plane.reference() + ": annotation " + KUBECONFIG_ANNOTATION
          + " must be <namespace>/<secret>, got \"" + secretRef + "\"");
    }
    String secretNamespace = secretRef.substring(0, slash);
    dev.wfrun.core.naming.NameRules.requireNamespace("annotation " + KUBECONFIG_ANNOTATION, secretNamespace);
    dev.wfrun.core.naming.NameRules.requireObjectName("annotation " + KUBECONFIG_ANNOTATION,
        secretRef.substring(slash + 1));
    if (plane.namespace() != null && !plane.namespace().isEmpty() && !plane.namespace().equals(secretNamespace)) {
      // a tenant's WorkflowPlane may not borrow the platform's (or another tenant's) build-plane credentials
      throw new IllegalArgumentException(plane.reference() + ": annotation " + KUBECONFIG_ANNOTATION
          + " must name a Secret in the plane's own namespace " + plane.namespace() + ", got \"" + secretRef + "\"");
    }
    Secret secret = controlPlane.secrets().inNamespace(secretRef.substring(0, slash))
        .withName(secretRef.substring(slash + 1)).get();
    if (secret == null || secret.getData() == null || !secret.getData().containsKey(KUBECONFIG_KEY)) {
      throw new IllegalStateException(plane.reference() + ": kubeconfig Secret " + secretRef
          + " not found or has no \"" + KUBECONFIG_KEY + "\" key");
    }
    String version = secret.getMetadata().getResourceVersion();
    Cached cached = clients.get(plane.reference());
    if (cached != null && cached.secretVersion().equals(version)) {
      clients.put(plane.reference(), new Cached(version, cached.client(), System.nanoTime()));
      return cached.client();
    }
    String kubeconfig = new String(Base64.getDecoder().decode(secret.getData().get(KUBECONFIG_KEY)), StandardCharsets.UTF_8);
    Config config = Config.fromKubeconfig(kubeconfig);
    config.setRequestRetryBackoffLimit(3); // an unreachable plane fails fast; the event is retried
    config.setConnectionTimeout(5_000);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    Cached previous = clients.put(plane.reference(), new Cached(version, client, System.nanoTime()));
    if (previous != null) {
      previous.client().close();
    }
    return client;
  }

  /** Whether this plane is reached through the cluster gateway (and its status is the gateway's to write). */
  public boolean throughGateway(ResolvedPlane plane) {
    String secretRef = plane.annotations().get(KUBECONFIG_ANNOTATION);
    return clusterGateway.isPresent() && (secretRef == null || secretRef.isBlank()) && behindAgent(plane);
  }

  /** Whether the plane is reached through a cluster agent: it names the CA of its agents' certificates. */
  public static boolean behindAgent(ResolvedPlane plane) {
    var agent = plane.spec() == null ? null : plane.spec().clusterAgent();
    var ca = agent == null ? null : agent.clientCA();
    return ca != null && ((ca.value() != null && !ca.value().isBlank()) || ca.secretKeyRef() != null);
  }

  /** The plane's ID as its agents dial with it: {@code spec.planeID}, else the CR's name. */
  public static String planeId(ResolvedPlane plane) {
    return plane.spec() != null && plane.spec().planeID() != null && !plane.spec().planeID().isEmpty()
        ? plane.spec().planeID() : plane.name();
  }

  private KubernetesClient tunnelClient(ResolvedPlane plane) {
    String master = clusterGateway.get().toString().replaceAll("/+$", "") + dev.wfrun.core.tunnel.ProxyPath.prefixFor(
        "workflowplane", planeId(plane), new dev.wfrun.core.tunnel.PlaneKey(plane.namespace(), plane.name()));
    Config config = new io.fabric8.kubernetes.client.ConfigBuilder(controlPlane.getConfiguration())
        .withMasterUrl(master).withRequestRetryBackoffLimit(3).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public void close() {
    clients.values().forEach(c -> c.client().close());
    clients.clear();
    tunnels.values().forEach(KubernetesClient::close);
    tunnels.clear();
  }
}
