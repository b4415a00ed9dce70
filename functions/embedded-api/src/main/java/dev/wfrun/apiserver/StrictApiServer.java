package dev.wfrun.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An embedded Kubernetes API as strict as a real one where wfrun's behaviour depends on it (see
 * {@link StrictDispatcher}): the fabric8 CRUD mock on 127.0.0.1, reached through the real fabric8
 * client with a bearer token per identity. {@link #admin()} is a cluster administrator (it seeds
 * objects as {@code kubectl apply} would); {@link #clientAs} talks as a ServiceAccount, which may do
 * only what the RBAC objects stored in the API grant it, for example those of {@code knative/}
 * loaded with {@link #applyRbac}.
 */
public final class StrictApiServer implements AutoCloseable {
  /** The mock logs every request at INFO; held here, since a logger only weakly referenced loses its level. */
  private static final java.util.logging.Logger MOCK_LOG = quiet();

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  private static final Set<String> RBAC_KINDS = Set.of("ServiceAccount", "Role", "ClusterRole", "RoleBinding",
      "ClusterRoleBinding", "Namespace");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final KubernetesMockServer server;
  private final StrictDispatcher dispatcher;
  private final Tokens tokens = new Tokens();
  private final String adminToken;
  private final KubernetesClient admin;
  private final List<KubernetesClient> clients = new ArrayList<>();

  private StrictApiServer(int port, io.fabric8.mockwebserver.http.Dispatcher store) {
    dispatcher = new StrictDispatcher(store, tokens);
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), port);
    adminToken = tokens.issue(Identity.admin());
    admin = clientWithToken(adminToken);
  }

  /** On a free loopback port. */
  public static StrictApiServer start() {
    return new StrictApiServer(0, new KubernetesCrudDispatcher());
  }

  public static StrictApiServer start(int port) {
    return new StrictApiServer(port, new KubernetesCrudDispatcher());
  }

  /** In front of another store (a CRUD dispatcher that injects failures, say), on a free port. */
  public static StrictApiServer over(io.fabric8.mockwebserver.http.Dispatcher store) {
    return new StrictApiServer(0, store);
  }

  /** The server's base URL, without a trailing slash. */
  public String url() {
    return server.url("/").replaceAll("/$", "");
  }

  /**
   * Why a request the caller would send is refused (401 or 403 with its {@code Status} body as
   * JSON), for fronts that answer some requests themselves; empty when it is allowed.
   */
  public java.util.Optional<Refusal> refusal(String authorization, String method, String rawPathAndQuery) {
    return dispatcher.refusal(authorization, method, rawPathAndQuery)
        .map(r -> new Refusal(r.code(), r.getBody() == null ? "" : r.getBody().readUtf8()));
  }

  /** An HTTP refusal: its code and its {@code v1 Status} body. */
  public record Refusal(int code, String body) {}

  /** The containers' logs this server serves at {@code .../pods/{p}/log} (the CRUD mock keeps none). */
  public PodLogs podLogs() {
    return dispatcher.podLogs();
  }

  /** The clock {@code sinceSeconds} on logs is counted against. */
  public void clock(java.time.Clock clock) {
    dispatcher.clock(clock);
  }

  /** A cluster administrator's client (member of {@code system:masters}). */
  public KubernetesClient admin() {
    return admin;
  }

  public String adminToken() {
    return adminToken;
  }

  /** The token of a ServiceAccount (issued once per call; every one stays valid). */
  public String tokenFor(String namespace, String serviceAccount) {
    return tokens.issue(Identity.serviceAccount(namespace, serviceAccount));
  }

  /** A token for any identity (a user, a group member). */
  public String tokenFor(Identity identity) {
    return tokens.issue(identity);
  }

  /** Makes the server accept a chosen token for an identity. */
  public void acceptToken(String token, Identity identity) {
    tokens.register(token, identity);
  }

  /** A client that talks as this ServiceAccount; closed with the server. */
  public KubernetesClient clientAs(String namespace, String serviceAccount) {
    return clientWithToken(tokenFor(namespace, serviceAccount));
  }

  /** A client that presents this token; closed with the server. */
  public synchronized KubernetesClient clientWithToken(String token) {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url()).withTrustCerts(true)
        .withOauthToken(token).withNamespace("default").withRequestRetryBackoffLimit(0)
        .withHttp2Disable(true).build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    clients.add(client);
    return client;
  }

  /** A kubeconfig that reaches this server with the token. */
  public String kubeconfig(String token) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: embedded
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
        - name: wfrun
          user: {token: "%s"}
        contexts:
        - name: embedded
          context: {cluster: embedded, user: wfrun, namespace: default}
        current-context: embedded
        """.formatted(url(), token);
  }

  /**
   * Creates, as the administrator, every ServiceAccount, Namespace, Role, ClusterRole and binding
   * in the YAML files of {@code dir} (not its subfolders) or in the one file it names.
   */
  public void applyRbac(Path dirOrFile) {
    try (Stream<Path> files = Files.isDirectory(dirOrFile) ? Files.list(dirOrFile) : Stream.of(dirOrFile)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (JsonNode doc : documents(file)) {
          if (RBAC_KINDS.contains(doc.path("kind").asText())) {
            GenericKubernetesResource object = Serialization.unmarshal(doc.toString(), GenericKubernetesResource.class);
            admin.resource(object).createOr(existing -> existing.update());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && doc.isObject()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  @Override
  public synchronized void close() {
    clients.forEach(KubernetesClient::close);
    server.destroy();
  }
}
