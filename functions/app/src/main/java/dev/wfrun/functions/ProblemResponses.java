package dev.wfrun.functions;

import dev.wfrun.core.events.CloudEventTypes;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Failed deliveries answer with an RFC 9457 problem+json body: 400 for an event that can never be
 * handled (Knative does not retry it; it goes to the dead-letter sink), 503 when the API server
 * failed (Knative retries), 500 for anything else.
 */
@ApplicationScoped
public class ProblemResponses {

  void install(@Observes Router router) {
    router.route().order(-100).failureHandler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure == null || ctx.response().ended()) {
      ctx.next();
      return;
    }
    InvalidEventException invalid = find(failure, InvalidEventException.class);
    KubernetesClientException api = find(failure, KubernetesClientException.class);
    int status;
    String title;
    String detail;
    if (invalid != null) {
      status = 400;
      title = "Event cannot be handled";
      detail = invalid.getMessage();
    } else if (api != null) {
      status = 503;
      title = "Kubernetes API server failed";
      detail = api.getCode() > 0 ? "HTTP " + api.getCode() + " from the API server" : "API server unreachable";
    } else {
      status = 500;
      title = "Step failed";
      detail = failure.getClass().getSimpleName();
    }
    KnownEventTypes.problem(ctx, status, title, detail);
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
