package dev.wfrun.dev.api;

import dev.wfrun.apiserver.StrictApiServer;
import dev.wfrun.core.validation.CrdCatalog;
import java.net.InetAddress;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * The embedded Kubernetes API of {@code wfrun dev}: the strict embedded API ({@link StrictApiServer}:
 * the fabric8 CRUD mock with authentication, RBAC and a real server's limits) on 127.0.0.1, with
 * wfrun's CRDs and Argo's installed, behind {@link KubectlFront} so the real kubectl works. The
 * functions and the gateway talk to the mock directly, each as its own ServiceAccount (their
 * watches use WebSocket); kubectl and users talk to the front, which passes their token on.
 */
public final class EmbeddedApiServer implements AutoCloseable {
  private final StrictApiServer mock;
  private final Clock clock;
  private KubernetesClient client;
  private ApiCatalog catalog;
  private KubectlFront front;
  private AdmissionCheck admission;
  private LoopbackTls tls;

  private EmbeddedApiServer(Clock clock) {
    this.clock = clock;
    mock = StrictApiServer.start();
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
    client = mock.admin();
    catalog = new ApiCatalog(client);
    tls = LoopbackTls.generate();
    admission = new AdmissionCheck(CrdCatalog.standard());
    front = new KubectlFront(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
        URI.create(directUrl() + "/"), client, catalog, admission, clock, mock, tls);
    return this;
  }

  /** kubectl's writes of wfrun's kinds are also sent to this validating webhook, as a cluster would. */
  public void admissionWebhook(URI validateUrl) {
    admission.webhook(validateUrl);
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

  /**
   * Loads the ServiceAccounts, roles and bindings of {@code knative/} (the children talk as those
   * ServiceAccounts, so this comes before they start).
   */
  public void applyRbac(java.nio.file.Path knative) {
    mock.applyRbac(knative);
  }

  /** The token of a ServiceAccount in {@code wfrun-system}. */
  public String tokenFor(String serviceAccount) {
    return mock.tokenFor("wfrun-system", serviceAccount);
  }

  /** A client of the mock as a ServiceAccount in {@code wfrun-system}. */
  public KubernetesClient clientAs(String serviceAccount) {
    return mock.clientAs("wfrun-system", serviceAccount);
  }

  /** The administrator's token (kubectl's kubeconfig). */
  public String adminToken() {
    return mock.adminToken();
  }

  /** Where kubectl and users connect (HTTPS: kubectl sends bearer tokens only over TLS). */
  public String url() {
    return "https://127.0.0.1:" + front.port();
  }

  /** The front's certificate, for kubeconfigs and clients of {@link #url()}. */
  public LoopbackTls tls() {
    return tls;
  }

  /** The mock itself, for the functions and the gateway (WebSocket watches). */
  public String directUrl() {
    return mock.url();
  }

  /** The resource types served, kept current from the stored CRDs. */
  public ApiCatalog catalog() {
    return catalog;
  }

  /** The containers' logs this API serves (the simulated build plane writes them). */
  public dev.wfrun.apiserver.PodLogs podLogs() {
    return mock.podLogs();
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
    mock.close();
  }
}
