package dev.wfrun.core.access;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Who may call wfrun's APIs, decided by the API server itself: the bearer token is authenticated by
 * a TokenReview and the user authorised by a SubjectAccessReview for the verb on the resource in the
 * namespace, so the cluster's own RBAC is the only policy.
 */
public final class CallerAccess {
  /** The outcome: the caller's user name, or the 401/403 to answer with its words. */
  public sealed interface Decision permits Allowed, Refused {}

  public record Allowed(String user) implements Decision {}

  public record Refused(int status, String title, String detail) implements Decision {}

  /** What is asked for: {@code verb} on {@code group/resource[/subresource]} in {@code namespace}. */
  public record Request(String verb, String group, String resource, String subresource, String namespace) {
    public static Request of(String verb, String group, String resource, String namespace) {
      return new Request(verb, group, resource, null, namespace);
    }

    String describe() {
      return verb + " " + resource + (subresource == null ? "" : "/" + subresource)
          + (namespace == null ? " (cluster-wide)" : " in namespace \"" + namespace + "\"");
    }
  }

  private final KubernetesClient client;

  public CallerAccess(KubernetesClient client) {
    this.client = client;
  }

  public Decision check(String authorization, Request request) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        || authorization.substring(7).isBlank()) {
      return new Refused(401, "Unauthorized", "Authorization: a Bearer token is required");
    }
    TokenReview review = client.authentication().v1().tokenReviews().create(new TokenReviewBuilder()
        .withNewSpec().withToken(authorization.substring(7).trim()).endSpec().build());
    if (review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAuthenticated())) {
      String why = review.getStatus() == null || review.getStatus().getError() == null
          ? "the token was not authenticated" : "the token was not authenticated: " + review.getStatus().getError();
      return new Refused(401, "Unauthorized", why);
    }
    UserInfo user = review.getStatus().getUser();
    SubjectAccessReview access = client.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
        .withNewSpec()
        .withUser(user.getUsername())
        .withUid(user.getUid())
        .withGroups(user.getGroups())
        .withExtra(user.getExtra())
        .withNewResourceAttributes()
        .withGroup(request.group()).withResource(request.resource()).withSubresource(request.subresource())
        .withVerb(request.verb()).withNamespace(request.namespace())
        .endResourceAttributes()
        .endSpec().build());
    if (access.getStatus() == null || !Boolean.TRUE.equals(access.getStatus().getAllowed())) {
      return new Refused(403, "Forbidden", "user \"" + user.getUsername() + "\" may not " + request.describe());
    }
    return new Allowed(user.getUsername());
  }
}
