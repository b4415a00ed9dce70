package dev.wfrun.dev.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP front of the embedded API, where kubectl connects: it answers discovery, OpenAPI,
 * Tables, chunked watches and log follows ({@link LogFollower}) itself, validates wfrun's objects on
 * create/update, and forwards everything else to the CRUD mock.
 */
public final class KubectlFront implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "wfrun-dev-api");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI backend;
  private final ApiCatalog catalog;
  private final AdmissionCheck admission;
  private final WatchStreamer watches;
  private final LogFollower logFollower;
  private static final java.util.regex.Pattern POD_LOG =
      java.util.regex.Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/]+)/log$");
  private final Clock clock;
  private final dev.wfrun.apiserver.StrictApiServer authorizer;

  public KubectlFront(InetSocketAddress address, URI backend, KubernetesClient backendClient, ApiCatalog catalog,
      AdmissionCheck admission, Clock clock, dev.wfrun.apiserver.StrictApiServer authorizer, LoopbackTls tls)
      throws IOException {
    this.authorizer = authorizer;
    this.backend = backend;
    this.catalog = catalog;
    this.admission = admission;
    this.clock = clock;
    this.watches = new WatchStreamer(backendClient, clock);
    this.logFollower = new LogFollower(authorizer.podLogs(), clock);
    com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(address, 64);
    https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls.serverContext()));
    this.server = https;
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      route(exchange);
    } catch (RuntimeException e) {
      send(exchange, 500, StatusResponses.failure(500, "InternalError", "embedded API: " + e.getMessage()));
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    QueryString query = QueryString.parse(rawQuery);
    if (method.equals("GET")) {
      Optional<JsonNode> document = document(path);
      if (document.isPresent()) {
        send(exchange, 200, document.get());
        return;
      }
      if (path.equals("/openapi/v2") || path.startsWith("/openapi/")) {
        send(exchange, 404, StatusResponses.failure(404, "NotFound", "not served: " + path));
        return;
      }
    }
    Optional<ResourcePath> resourcePath = ResourcePath.parse(path);
    Optional<ApiResource> type = resourcePath.flatMap(p -> catalog.find(p.group(), p.version(), p.plural()));
    boolean asTable = accept(exchange).contains("as=Table");
    if (type.isPresent() && method.equals("GET") && query.flag("watch")) {
      // served here from the front's own watch: the caller's own rights decide first
      Optional<dev.wfrun.apiserver.StrictApiServer.Refusal> refused = authorizer.refusal(
          exchange.getRequestHeaders().getFirst("Authorization"), method,
          path + (rawQuery == null ? "" : "?" + rawQuery));
      if (refused.isPresent()) {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        sendBytes(exchange, refused.get().code(), refused.get().body().getBytes(StandardCharsets.UTF_8));
        return;
      }
      watches.stream(exchange, type.get(), resourcePath.get(), query, asTable);
      return;
    }
    if (!method.equals("GET") && query.get("dryRun") != null) {
      send(exchange, 400, StatusResponses.failure(400, "BadRequest",
          "the embedded API of wfrun dev does not support server-side dry runs"));
      return;
    }
    String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
    if (contentType.contains("protobuf")) {
      // clients fall back to JSON, which is all the CRUD mock speaks
      send(exchange, 415, StatusResponses.failure(415, "UnsupportedMediaType",
          "the embedded API of wfrun dev speaks JSON only"));
      return;
    }
    java.util.regex.Matcher podLog = POD_LOG.matcher(path);
    if (method.equals("GET") && query.flag("follow") && podLog.matches()) {
      // the kubelet's follow: the mock answers whether the pod exists and the caller may read it, the front streams
      String once = rawQuery.replaceAll("(^|&)follow=[^&]*", "").replaceAll("^&", "");
      HttpResponse<byte[]> check = forward("GET", path, once, null, exchange.getRequestHeaders().getFirst("Authorization"),
          new byte[0]);
      if (check.statusCode() != 200) {
        exchange.getResponseHeaders().set("Content-Type",
            check.headers().firstValue("Content-Type").orElse("application/json"));
        sendBytes(exchange, check.statusCode(), check.body());
        return;
      }
      logFollower.follow(exchange, podLog.group(1), podLog.group(2), query);
      return;
    }
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (type.isPresent() && List.of("POST", "PUT", "PATCH").contains(method)) {
      Optional<String> refusal = admit(exchange, method, type.get(), resourcePath.get(), body);
      if (refusal.isPresent()) {
        send(exchange, 422, StatusResponses.failure(422, "Invalid", refusal.get()));
        return;
      }
    }
    HttpResponse<byte[]> response = forward(method, path, QueryString.without(rawQuery, !method.equals("GET")),
        exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Authorization"),
        body);
    if (asTable && type.isPresent() && response.statusCode() == 200) {
      JsonNode data = JSON.readTree(response.body());
      send(exchange, 200, TableConverter.table(type.get(), data, Instant.now(clock), true));
      return;
    }
    exchange.getResponseHeaders().set("Content-Type",
        response.headers().firstValue("Content-Type").orElse("application/json"));
    sendBytes(exchange, response.statusCode(), response.body());
  }

  private Optional<JsonNode> document(String path) {
    List<String> apiGroupVersion = List.of(path.split("/"));
    if (path.equals("/version") || path.equals("/version/")) {
      return Optional.of(DiscoveryDocuments.version());
    }
    if (path.equals("/api") || path.equals("/api/")) {
      return Optional.of(DiscoveryDocuments.coreVersions("127.0.0.1:" + port()));
    }
    if (path.equals("/apis") || path.equals("/apis/")) {
      return Optional.of(DiscoveryDocuments.groups(catalog.all()));
    }
    if (path.equals("/api/v1")) {
      return Optional.ofNullable(DiscoveryDocuments.resources(catalog.all(), "", "v1"));
    }
    if (path.startsWith("/apis/") && apiGroupVersion.size() == 4) {
      return Optional.ofNullable(DiscoveryDocuments.resources(catalog.all(), apiGroupVersion.get(2),
          apiGroupVersion.get(3)));
    }
    if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
      return Optional.of(OpenApiDocuments.root(catalog.all()));
    }
    if (path.startsWith("/openapi/v3/")) {
      return Optional.ofNullable(OpenApiDocuments.groupVersion(catalog.all(), path.substring("/openapi/v3/".length())));
    }
    return Optional.empty();
  }

  /** Why the write is refused: the object as it would be stored breaks its CRD. */
  private Optional<String> admit(HttpExchange exchange, String method, ApiResource type, ResourcePath path,
      byte[] body) throws IOException {
    if ("status".equals(path.subresource()) || body.length == 0 || !"openchoreo.dev".equals(type.group())) {
      return Optional.empty();
    }
    JsonNode object;
    try {
      JsonNode sent = JSON.readTree(body);
      if (method.equals("PATCH")) {
        HttpResponse<byte[]> current = forward("GET", exchange.getRequestURI().getRawPath(), "", null,
            exchange.getRequestHeaders().getFirst("Authorization"), new byte[0]);
        if (current.statusCode() != 200) {
          return Optional.empty(); // the mock answers (404) as it would
        }
        JsonNode stored = JSON.readTree(current.body());
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        object = contentType.startsWith("application/json-patch+json")
            ? io.fabric8.zjsonpatch.JsonPatch.apply(sent, stored)
            : MergePatch.apply(stored, sent);
      } else {
        object = sent;
      }
    } catch (IOException | RuntimeException e) {
      return Optional.of("request body: not valid JSON: " + e.getMessage());
    }
    return admission.refusal(type, object, method.equals("POST") ? "CREATE" : "UPDATE", path.namespace());
  }

  /** Forwards to the strict API with the caller's own credentials, so RBAC decides as for any client. */
  private HttpResponse<byte[]> forward(String method, String path, String query, String contentType,
      String authorization, byte[] body) throws IOException {
    URI target = backend.resolve(path + (query == null || query.isEmpty() ? "" : "?" + query));
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json")
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String accept(HttpExchange exchange) {
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    return accept == null ? "" : accept;
  }

  private static void send(HttpExchange exchange, int code, JsonNode body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    sendBytes(exchange, code, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void sendBytes(HttpExchange exchange, int code, byte[] body) throws IOException {
    try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
      in.readAllBytes();
      exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
