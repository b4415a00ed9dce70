package dev.wfrun.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.apiserver.ApiStatus.Cause;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The fabric8 CRUD mock made as strict as a real API server where it matters: every request is
 * authenticated by its bearer token and authorised by RBAC (403 otherwise), RBAC objects cannot
 * grant what their writer lacks, paths with {@code ..}, NUL or encoded slashes are refused, bodies
 * over 3 MiB are 413, stored objects over 1.5 MiB are refused, names, labels and annotations are
 * checked as a real server checks them (422 with causes), and {@code generateName} is honoured.
 * TokenReviews and SubjectAccessReviews are answered from the same tokens and RBAC.
 */
public final class StrictDispatcher extends Dispatcher {
  public static final int MAX_REQUEST_BYTES = 3 * 1024 * 1024;
  public static final int MAX_OBJECT_BYTES = 1536 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> RBAC_RESOURCES = Set.of("roles", "clusterroles", "rolebindings",
      "clusterrolebindings");
  private static final String GENERATE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Dispatcher store;
  private final Tokens tokens;
  private final RbacPolicy rbac = new RbacPolicy();
  private final PodLogs podLogs = new PodLogs();
  private volatile java.time.Clock clock = java.time.Clock.systemUTC();

  public StrictDispatcher(Dispatcher store, Tokens tokens) {
    this.store = store;
    this.tokens = tokens;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String rawPath = request.getPath();
    Optional<String> badPath = badPath(rawPath);
    if (badPath.isPresent()) {
      return ApiStatus.badRequest(badPath.get());
    }
    long size = request.getBody() == null ? 0 : request.getBody().size();
    if (size > MAX_REQUEST_BYTES) {
      return ApiStatus.tooLarge("Request entity too large: limit is " + MAX_REQUEST_BYTES);
    }
    Optional<Identity> who = tokens.identify(bearer(request.getHeader("Authorization")));
    if (who.isEmpty()) {
      return ApiStatus.unauthorized();
    }
    RequestAttributes attrs = RequestAttributes.of(request.getMethod(), rawPath);
    if (!rbac.allows(who.get(), attrs)) {
      return ApiStatus.forbidden(attrs, attrs.forbiddenMessage(who.get()));
    }
    if (attrs.resourceRequest() && attrs.verb().equals("create")) {
      if (attrs.apiGroup().equals("authentication.k8s.io") && attrs.resource().equals("tokenreviews")) {
        return tokenReview(request);
      }
      if (attrs.apiGroup().equals("authorization.k8s.io") && attrs.resource().equals("subjectaccessreviews")) {
        return accessReview(request);
      }
    }
    if (attrs.resourceRequest() && attrs.verb().equals("get") && attrs.apiGroup().isEmpty()
        && attrs.resource().equals("pods") && attrs.subresource().equals("log")) {
      return podLog(request, attrs, rawPath);
    }
    RecordedRequest forwarded = request;
    JsonNode written = null;
    if (attrs.resourceRequest() && Set.of("create", "update", "patch").contains(attrs.verb())) {
      Checked checked = check(request, attrs, who.get());
      if (checked.refusal() != null) {
        return checked.refusal();
      }
      forwarded = checked.request();
      written = checked.object();
    }
    MockResponse response = RealStatus.of(attrs, written, store.dispatch(forwarded));
    int q = rawPath.indexOf('?');
    java.util.Map<String, String> query = RequestAttributes.Query.parse(q < 0 ? "" : rawPath.substring(q + 1));
    response = ListPages.of(attrs, query, response);
    if (attrs.resourceRequest() && attrs.verb().equals("watch")) {
      response = WatchFromVersion.of(query, response);
    }
    if (attrs.resourceRequest() && attrs.apiGroup().equals("rbac.authorization.k8s.io")
        && RBAC_RESOURCES.contains(attrs.resource()) && response.code() / 100 == 2) {
      observeRbac(attrs, response, written);
    }
    return response;
  }

  /** The logs the kubelet would serve, for a pod the store holds. */
  private MockResponse podLog(RecordedRequest request, RequestAttributes attrs, String rawPath) {
    String podPath = "/api/" + attrs.apiVersion() + "/namespaces/" + attrs.namespace() + "/pods/" + attrs.name();
    MockResponse pod = store.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.GET, podPath,
        request.getHeaders(), new Buffer()));
    if (pod.code() != 200) {
      return RealStatus.of(RequestAttributes.of("GET", podPath), null, pod);
    }
    int q = rawPath.indexOf('?');
    return podLogs.serve(attrs.namespace(), attrs.name(),
        RequestAttributes.Query.parse(q < 0 ? "" : rawPath.substring(q + 1)), clock.instant());
  }

  PodLogs podLogs() {
    return podLogs;
  }

  void clock(java.time.Clock clock) {
    this.clock = clock;
  }

  /**
   * Whether a request with this {@code Authorization} header may be made (for fronts that serve
   * some requests themselves, such as chunked watches): empty when allowed, else the refusal's
   * HTTP code and {@code Status} body.
   */
  public Optional<MockResponse> refusal(String authorization, String method, String rawPathAndQuery) {
    Optional<Identity> who = tokens.identify(bearer(authorization));
    if (who.isEmpty()) {
      return Optional.of(ApiStatus.unauthorized());
    }
    RequestAttributes attrs = RequestAttributes.of(method, rawPathAndQuery);
    return rbac.allows(who.get(), attrs) ? Optional.empty()
        : Optional.of(ApiStatus.forbidden(attrs, attrs.forbiddenMessage(who.get())));
  }

  /** Roles and bindings written through the API, so authorisation always sees what is stored. */
  private void observeRbac(RequestAttributes attrs, MockResponse response, JsonNode written) {
    if (attrs.verb().startsWith("delete")) {
      rbac.deleted(attrs.resource(), attrs.namespace(), attrs.name());
      return;
    }
    try {
      JsonNode stored = response.getBody() == null ? written : JSON.readTree(response.getBody().getBytes());
      rbac.stored(attrs.resource(), stored == null ? written : stored);
    } catch (IOException e) {
      if (written != null) {
        rbac.stored(attrs.resource(), written);
      }
    }
  }

  private record Checked(MockResponse refusal, RecordedRequest request, JsonNode object) {
    static Checked refuse(MockResponse refusal) {
      return new Checked(refusal, null, null);
    }
  }

  private Checked check(RecordedRequest request, RequestAttributes attrs, Identity who) {
    JsonNode sent;
    try {
      sent = JSON.readTree(request.getBody() == null ? new byte[0] : request.getBody().getBytes());
    } catch (IOException e) {
      return Checked.refuse(ApiStatus.badRequest("the body of the request was in an unknown format: " + e.getMessage()));
    }
    JsonNode object = sent;
    if (attrs.verb().equals("patch") && sent != null) {
      Optional<JsonNode> patched = patched(request, attrs, sent);
      if (patched.isEmpty()) {
        return new Checked(null, request, null); // the store answers (404, 422) as it would
      }
      object = patched.get();
    }
    if (object == null || !object.isObject()) {
      return Checked.refuse(ApiStatus.badRequest("the body of the request must be a JSON object"));
    }
    ObjectNode metadata = object.path("metadata").isObject() ? (ObjectNode) object.path("metadata")
        : ((ObjectNode) object).putObject("metadata");
    String kind = object.path("kind").asText(attrs.resource());
    if (!attrs.namespace().isEmpty() && !attrs.resource().equals("namespaces")) {
      String bodyNamespace = metadata.path("namespace").asText("");
      if (!bodyNamespace.isEmpty() && !bodyNamespace.equals(attrs.namespace())) {
        return Checked.refuse(ApiStatus.badRequest(
            "the namespace of the provided object does not match the namespace sent on the request"));
      }
    }
    boolean generated = false;
    if (attrs.verb().equals("create") && metadata.path("name").asText("").isEmpty()
        && !metadata.path("generateName").asText("").isEmpty()) {
      metadata.put("name", generateName(metadata.path("generateName").asText()));
      generated = true;
    }
    boolean rewritten = generated | stringDataMerged(attrs, object);
    String name = metadata.path("name").asText("");
    if (attrs.subresource().isEmpty() && !attrs.name().isEmpty() && !name.isEmpty() && !name.equals(attrs.name())) {
      return Checked.refuse(ApiStatus.badRequest("the name of the object (" + name
          + ") does not match the name on the URL (" + attrs.name() + ")"));
    }
    List<Cause> causes = new ArrayList<>(ObjectRules.metadata(metadata));
    if (!name.isEmpty()) {
      causes.addAll(ObjectRules.name(attrs.resource(), name));
    }
    if (!attrs.namespace().isEmpty() && !attrs.resource().equals("namespaces")) {
      causes.addAll(ObjectRules.namespace("metadata.namespace", attrs.namespace()));
    }
    if (!causes.isEmpty()) {
      return Checked.refuse(ApiStatus.invalid(kind, attrs.apiGroup(), name, causes));
    }
    byte[] bytes = object.toString().getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_OBJECT_BYTES) {
      return Checked.refuse(ApiStatus.tooLarge("etcdserver: request is too large: the object would be "
          + bytes.length + " bytes, the limit is " + MAX_OBJECT_BYTES));
    }
    if (attrs.apiGroup().equals("rbac.authorization.k8s.io") && RBAC_RESOURCES.contains(attrs.resource())) {
      Optional<MockResponse> escalation = escalation(who, attrs, object, name);
      if (escalation.isPresent()) {
        return Checked.refuse(escalation.get());
      }
    }
    if (!rewritten) {
      return new Checked(null, request, object);
    }
    Buffer body = new Buffer(bytes);
    return new Checked(null, new RecordedRequest(request.getHttpVersion(), HttpMethod.valueOf(request.getMethod()),
        request.getPath(), request.getHeaders(), body), object);
  }

  /**
   * As a real server stores a Secret written with {@code stringData} (create and update): each value
   * base64-encoded into {@code data}, over a key of the same name, and {@code stringData} dropped.
   */
  private static boolean stringDataMerged(RequestAttributes attrs, JsonNode object) {
    if (!attrs.apiGroup().isEmpty() || !attrs.resource().equals("secrets") || attrs.verb().equals("patch")
        || !object.path("stringData").isObject()) {
      return false;
    }
    ObjectNode secret = (ObjectNode) object;
    ObjectNode data = secret.path("data").isObject() ? (ObjectNode) secret.get("data") : secret.putObject("data");
    secret.remove("stringData").properties().forEach(f -> data.put(f.getKey(),
        java.util.Base64.getEncoder().encodeToString(f.getValue().asText().getBytes(StandardCharsets.UTF_8))));
    return true;
  }

  /** The object as the PATCH would leave it, when it exists. */
  private Optional<JsonNode> patched(RecordedRequest request, RequestAttributes attrs, JsonNode patch) {
    String path = request.getPath();
    int q = path.indexOf('?');
    String base = q < 0 ? path : path.substring(0, q);
    if (!attrs.subresource().isEmpty()) {
      base = base.substring(0, base.length() - attrs.subresource().length() - 1);
    }
    MockResponse current = store.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.GET, base,
        request.getHeaders(), new Buffer()));
    if (current.code() != 200 || current.getBody() == null) {
      return Optional.empty();
    }
    try {
      JsonNode stored = JSON.readTree(current.getBody().getBytes());
      String type = String.valueOf(request.getHeader("Content-Type")).toLowerCase(Locale.ROOT);
      return Optional.of(type.startsWith("application/json-patch+json")
          ? io.fabric8.zjsonpatch.JsonPatch.apply(patch, stored) : MergePatch.apply(stored, patch));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A real API server's escalation check on Roles and bindings. */
  private Optional<MockResponse> escalation(Identity who, RequestAttributes attrs, JsonNode object, String name) {
    String namespace = attrs.resource().startsWith("cluster") ? "" : attrs.namespace();
    List<RbacRule> rules;
    if (attrs.resource().endsWith("bindings")) {
      JsonNode ref = object.path("roleRef");
      String roleKind = ref.path("kind").asText();
      String roleName = ref.path("name").asText();
      String roleResource = roleKind.equals("ClusterRole") ? "clusterroles" : "roles";
      if (rbac.allows(who, new RequestAttributes(true, "bind", "rbac.authorization.k8s.io", "", roleResource, "",
          namespace, roleName, ""))) {
        return Optional.empty();
      }
      Optional<List<RbacRule>> referenced = rbac.rulesOf(roleKind, namespace, roleName);
      if (referenced.isEmpty()) {
        return Optional.of(ApiStatus.forbidden(attrs, attrs.resource() + ".rbac.authorization.k8s.io \"" + name
            + "\" is forbidden: " + roleResource + ".rbac.authorization.k8s.io \"" + roleName + "\" not found"));
      }
      rules = referenced.get();
    } else {
      if (rbac.allows(who, new RequestAttributes(true, "escalate", "rbac.authorization.k8s.io", "", attrs.resource(),
          "", namespace, name, ""))) {
        return Optional.empty();
      }
      rules = RbacRule.of(object);
    }
    List<String> missing = rbac.notHeld(who, rules, namespace);
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(ApiStatus.forbidden(attrs, attrs.resource() + ".rbac.authorization.k8s.io \"" + name
        + "\" is forbidden: user \"" + who.user() + "\" (groups=" + who.groups()
        + ") is attempting to grant RBAC permissions not currently held:\n" + String.join("\n", missing)));
  }

  private MockResponse tokenReview(RecordedRequest request) {
    return review(request, (review, spec) -> {
      Optional<Identity> user = tokens.identify(spec.path("token").asText(null));
      ObjectNode status = review.putObject("status").put("authenticated", user.isPresent());
      if (user.isPresent()) {
        ObjectNode u = status.putObject("user").put("username", user.get().user());
        user.get().groups().forEach(u.putArray("groups")::add);
      } else {
        status.put("error", "invalid bearer token");
      }
    });
  }

  private MockResponse accessReview(RecordedRequest request) {
    return review(request, (review, spec) -> {
      List<String> groups = new ArrayList<>();
      spec.path("groups").forEach(g -> groups.add(g.asText()));
      Identity subject = new Identity(spec.path("user").asText(), groups);
      JsonNode a = spec.path("resourceAttributes");
      boolean allowed = rbac.allows(subject, new RequestAttributes(true, a.path("verb").asText(),
          a.path("group").asText(), a.path("version").asText(), a.path("resource").asText(),
          a.path("subresource").asText(), a.path("namespace").asText(), a.path("name").asText(), ""));
      review.putObject("status").put("allowed", allowed);
    });
  }

  private interface Answer {
    void fill(ObjectNode review, JsonNode spec);
  }

  private static MockResponse review(RecordedRequest request, Answer answer) {
    try {
      ObjectNode review = (ObjectNode) JSON.readTree(request.getUtf8Body());
      answer.fill(review, review.path("spec"));
      return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
          .setBody(review.toString());
    } catch (IOException | ClassCastException e) {
      return ApiStatus.badRequest("the body of the request was in an unknown format");
    }
  }

  /** Why a raw path is refused: {@code .}/{@code ..} segments, NUL, or an encoded slash or NUL. */
  static Optional<String> badPath(String rawPathAndQuery) {
    int q = rawPathAndQuery.indexOf('?');
    String path = q < 0 ? rawPathAndQuery : rawPathAndQuery.substring(0, q);
    String lower = path.toLowerCase(Locale.ROOT);
    if (path.indexOf('\0') >= 0 || lower.contains("%00")) {
      return Optional.of("invalid path: contains NUL");
    }
    if (lower.contains("%2f") || lower.contains("%5c")) {
      return Optional.of("invalid path: contains an encoded slash");
    }
    for (String segment : path.split("/")) {
      String decoded = segment.replace("%2e", ".").replace("%2E", ".");
      if (decoded.equals(".") || decoded.equals("..")) {
        return Optional.of("invalid path: segment \"" + segment + "\" is not allowed");
      }
    }
    return Optional.empty();
  }

  private static String bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }

  /** {@code generateName} plus five random characters, the prefix cut to leave room (as a real server). */
  static String generateName(String prefix) {
    String base = prefix.length() > 58 ? prefix.substring(0, 58) : prefix;
    StringBuilder name = new StringBuilder(base);
    for (int i = 0; i < 5; i++) {
      name.append(GENERATE_ALPHABET.charAt(RANDOM.nextInt(GENERATE_ALPHABET.length())));
    }
    return name.toString();
  }

  @Override
  public void shutdown() {
    store.shutdown();
  }
}
