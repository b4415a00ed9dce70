package dev.wfrun.core.runapi;

import dev.wfrun.core.access.CallerAccess;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * A run API call's way in: bad input first (answered without an API call), then whether the caller's
 * token may do what the call amounts to ({@link CallerAccess}: TokenReview, SubjectAccessReview).
 */
final class CallerGate {
  /** The call goes on as {@code user}, or ends with {@code answer}. */
  sealed interface Gate permits Pass, Stop {}

  record Pass(String user) implements Gate {}

  record Stop(RunApiAnswer answer) implements Gate {}

  private final CallerAccess access;

  CallerGate(KubernetesClient client) {
    this.access = new CallerAccess(client);
  }

  Gate check(String authorization, CallerAccess.Request request, Optional<RunApiAnswer> badInput) {
    if (badInput.isPresent()) {
      return new Stop(badInput.get());
    }
    CallerAccess.Decision decision = access.check(authorization, request);
    return decision instanceof CallerAccess.Refused r
        ? new Stop(RunApiAnswer.problem(r.status(), r.title(), r.detail()))
        : new Pass(((CallerAccess.Allowed) decision).user());
  }
}
