package dev.wfrun.core.testing;

import dev.wfrun.core.validation.CrdCatalog;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.util.HashMap;

/**
 * API servers for tests: the fabric8 CRUD mock server, reached through the real fabric8 client.
 * The control plane has wfrun's CRDs installed (so status is written only through /status).
 */
public final class ApiServers implements AutoCloseable {
  /** The mock server logs every request at INFO through java.util.logging; tests want quiet. */
  private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private ApiServers(Dispatcher dispatcher, boolean withCrds) {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    client = server.createClient();
    if (withCrds) {
      CrdCatalog.standard().definitions().forEach(crd -> client.apiextensions().v1().customResourceDefinitions()
          .resource(Serialization.unmarshal(crd.toString(), CustomResourceDefinition.class)).create());
    }
  }

  public static ApiServers controlPlane() {
    return new ApiServers(new KubernetesCrudDispatcher(), true);
  }

  public static ApiServers controlPlane(Dispatcher dispatcher) {
    return new ApiServers(dispatcher, true);
  }

  /**
   * A control plane that also reviews tokens and access (see {@link ReviewingDispatcher}). Plain
   * types only, so Quarkus test resources can call it across class loaders.
   *
   * @param users token → user name
   * @param grants from {@link #grant}
   */
  public static ApiServers controlPlaneReviewing(java.util.Map<String, String> users, java.util.Set<String> grants) {
    return new ApiServers(new ReviewingDispatcher(users, grants), true);
  }

  /** The user may {@code verb} {@code groupResource} (e.g. {@code openchoreo.dev/workloads}) in the namespace. */
  public static String grant(String user, String verb, String groupResource, String namespace) {
    return user + " " + verb + " " + groupResource + " " + namespace;
  }

  public static ApiServers buildPlane() {
    return new ApiServers(new KubernetesCrudDispatcher(), false);
  }

  public KubernetesClient client() {
    return client;
  }

  /** The server's base URL. */
  public String url() {
    return server.url("/").replaceAll("/$", "");
  }

  /** A kubeconfig that reaches this server. */
  public String kubeconfig() {
    String url = server.url("/").replaceAll("/$", "");
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: build-plane
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
        - name: wfrun
          user: {token: test}
        contexts:
        - name: build-plane
          context: {cluster: build-plane, user: wfrun, namespace: default}
        current-context: build-plane
        """.formatted(url);
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
