package dev.wfrun.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.Set;

/**
 * A CRUD API server that also answers TokenReviews and SubjectAccessReviews, as a real API server
 * does from its authenticators and RBAC (which the CRUD mock lacks): tokens map to users, and a
 * user may do what was granted.
 */
final class ReviewingDispatcher extends Dispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Dispatcher delegate = new KubernetesCrudDispatcher();
  private final Map<String, String> users;
  private final Set<String> grants;

  /**
   * @param users token → user name
   * @param grants from {@link ApiServers#grant}
   */
  ReviewingDispatcher(Map<String, String> users, Set<String> grants) {
    this.users = Map.copyOf(users);
    this.grants = Set.copyOf(grants);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    if ("POST".equals(request.getMethod()) && path.startsWith("/apis/authentication.k8s.io/v1/tokenreviews")) {
      return review(request, (review, spec) -> {
        String user = users.get(spec.path("token").asText());
        ObjectNode status = review.putObject("status").put("authenticated", user != null);
        if (user != null) {
          status.putObject("user").put("username", user).putArray("groups").add("system:authenticated");
        } else {
          status.put("error", "invalid bearer token");
        }
      });
    }
    if ("POST".equals(request.getMethod()) && path.startsWith("/apis/authorization.k8s.io/v1/subjectaccessreviews")) {
      return review(request, (review, spec) -> {
        JsonNode attrs = spec.path("resourceAttributes");
        String grant = ApiServers.grant(spec.path("user").asText(), attrs.path("verb").asText(),
            attrs.path("group").asText() + "/" + attrs.path("resource").asText(), attrs.path("namespace").asText());
        review.putObject("status").put("allowed", grants.contains(grant));
      });
    }
    return delegate.dispatch(request);
  }

  private interface Answer {
    void fill(ObjectNode review, JsonNode spec);
  }

  private static MockResponse review(RecordedRequest request, Answer answer) {
    try {
      ObjectNode review = (ObjectNode) JSON.readTree(request.getUtf8Body());
      answer.fill(review, review.path("spec"));
      return new MockResponse().setResponseCode(201).setBody(JSON.writeValueAsString(review));
    } catch (java.io.IOException e) {
      return new MockResponse().setResponseCode(400).setBody("{\"kind\":\"Status\",\"message\":\"bad review\"}");
    }
  }
}
