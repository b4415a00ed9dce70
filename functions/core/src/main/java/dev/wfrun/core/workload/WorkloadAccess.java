package dev.wfrun.core.workload;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * Who may write Workloads, decided by the API server itself: the bearer token is authenticated by a
 * TokenReview and the user authorised by a SubjectAccessReview for {@code create workloads} in the
 * namespace, so the cluster's own RBAC is the only policy.
 */
public final class WorkloadAccess {
  private final KubernetesClient client;

  public WorkloadAccess(KubernetesClient client) {
    this.client = client;
  }

  /** Empty when allowed; otherwise the 401 or 403 to answer. */
  public Optional<WorkloadApiResult> check(String authorization, String namespace) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        || authorization.substring(7).isBlank()) {
      return Optional.of(WorkloadApiResult.problem(401, "Unauthorized",
          "Authorization: a Bearer token is required"));
    }
    TokenReview review = client.authentication().v1().tokenReviews().create(new TokenReviewBuilder()
        .withNewSpec().withToken(authorization.substring(7).trim()).endSpec().build());
    if (review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAuthenticated())) {
      String why = review.getStatus() == null || review.getStatus().getError() == null
          ? "the token was not authenticated" : "the token was not authenticated: " + review.getStatus().getError();
      return Optional.of(WorkloadApiResult.problem(401, "Unauthorized", why));
    }
    UserInfo user = review.getStatus().getUser();
    SubjectAccessReview access = client.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
        .withNewSpec()
        .withUser(user.getUsername())
        .withUid(user.getUid())
        .withGroups(user.getGroups())
        .withExtra(user.getExtra())
        .withNewResourceAttributes()
        .withGroup("openchoreo.dev").withResource("workloads").withVerb("create").withNamespace(namespace)
        .endResourceAttributes()
        .endSpec().build());
    if (access.getStatus() == null || !Boolean.TRUE.equals(access.getStatus().getAllowed())) {
      return Optional.of(WorkloadApiResult.problem(403, "Forbidden",
          "user \"" + user.getUsername() + "\" may not create workloads in namespace \"" + namespace + "\""));
    }
    return Optional.empty();
  }
}
