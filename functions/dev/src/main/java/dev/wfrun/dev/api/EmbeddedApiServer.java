package dev.wfrun.dev.api;

import dev.wfrun.core.validation.CrdCatalog;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;

/**
 * The embedded Kubernetes API of {@code wfrun dev}: the fabric8 CRUD mock server on 127.0.0.1,
 * with wfrun's CRDs and Argo's installed, behind {@link KubectlFront} so the real kubectl works.
 * The functions and the gateway talk to the mock directly (their watches use WebSocket); kubectl
 * and users talk to the front.
 */
public final class EmbeddedApiServer implements AutoCloseable {
  static {
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
  }

  private final KubernetesMockServer mock;
  private final Clock clock;
  private KubernetesClient client;
  private ApiCatalog catalog;
  private KubectlFront front;

  private EmbeddedApiServer(Clock clock) {
    this.clock = clock;
    mock = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    mock.init(InetAddress.getLoopbackAddress(), 0);
  }

  /**
   * The mock alone, listening at {@link #directUrl()}: enough for clients to connect, so the
   * deployables can start while {@link #serveKubectl} builds the rest.
   */
  public static EmbeddedApiServer listen(Clock clock) {
    return new EmbeddedApiServer(clock);
  }

  /** Starts the API; {@code port} 0 picks a free one. */
  public static EmbeddedApiServer start(int port, Clock clock) throws IOException {
    EmbeddedApiServer api = listen(clock);
    try {
      return api.serveKubectl(port);
    } catch (IOException | RuntimeException e) {
      api.close();
      throw e;
    }
  }

  /** The client, the resource catalog and the kubectl front on {@code port} (0: a free one). */
  public EmbeddedApiServer serveKubectl(int port) throws IOException {
    client = mock.createClient();
    catalog = new ApiCatalog(client);
    front = new KubectlFront(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
        URI.create(directUrl() + "/"), client, catalog, new AdmissionCheck(CrdCatalog.standard()), clock);
    return this;
  }

  /** Installs wfrun's and Argo's CRDs (discovery and validation are built from them). */
  public void installCrds() {
    CrdCatalog.standard().definitions().forEach(crd -> client.apiextensions().v1().customResourceDefinitions()
        .resource(Serialization.unmarshal(crd.toString(), CustomResourceDefinition.class)).create());
    try (InputStream argo = EmbeddedApiServer.class.getResourceAsStream("/dev/wfrun/dev/argo-crds.yaml")) {
      List<HasMetadata> crds = client.load(argo).items();
      crds.forEach(crd -> client.resource(crd).create());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where kubectl and users connect. */
  public String url() {
    return "http://127.0.0.1:" + front.port();
  }

  /** The mock itself, for the functions and the gateway (WebSocket watches). */
  public String directUrl() {
    return mock.url("/").replaceAll("/$", "");
  }

  /** The resource types served, kept current from the stored CRDs. */
  public ApiCatalog catalog() {
    return catalog;
  }

  /** A client of the mock, for the local eventing and build plane. */
  public KubernetesClient client() {
    return client;
  }

  @Override
  public void close() {
    if (front != null) {
      front.close();
    }
    if (catalog != null) {
      catalog.close();
    }
    if (client != null) {
      client.close();
    }
    mock.destroy();
  }
}
