package dev.wfrun.functions;

import dev.wfrun.core.events.CloudEventTypes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * Binary-mode deliveries are checked before Funqy sees them: a missing required CloudEvent
 * attribute is a 400 and a type no function handles a 404, both as problem+json (never retried).
 */
@ApplicationScoped
public class KnownEventTypes {
  static final Set<String> TYPES = Set.of(CloudEventTypes.REF_ADD, CloudEventTypes.REF_UPDATE, CloudEventTypes.REF_DELETE,
      CloudEventTypes.RESOURCE_UPDATE, CloudEventTypes.RESOURCE_DELETE, CloudEventTypes.PING, CloudEventTypes.RUN_REQUESTED,
      CloudEventTypes.STEP_RESULT);

  void install(@Observes Router router) {
    router.post("/").order(-50).handler(this::check);
  }

  private void check(RoutingContext ctx) {
    String type = ctx.request().getHeader("ce-type");
    if (type == null) {
      ctx.next(); // structured mode: the attributes are in the body, Funqy checks them
      return;
    }
    for (String attribute : new String[] {"ce-id", "ce-source", "ce-specversion"}) {
      if (ctx.request().getHeader(attribute) == null) {
        problem(ctx, 400, "Event cannot be handled", "missing CloudEvent attribute " + attribute.substring(3));
        return;
      }
    }
    if (!TYPES.contains(type)) {
      problem(ctx, 404, "No function for this event", "no function handles CloudEvent type " + type);
      return;
    }
    ctx.next();
  }

  static void problem(RoutingContext ctx, int status, String title, String detail) {
    JsonObject problem = new JsonObject()
        .put("type", "https://wfrun.dev/problems/" + switch (status) {
          case 404 -> "unknown-event";
          case 400 -> "invalid-event";
          case 503 -> "api-server";
          default -> "step";
        })
        .put("title", title)
        .put("status", status)
        .put("detail", detail);
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(problem.encode());
  }
}
