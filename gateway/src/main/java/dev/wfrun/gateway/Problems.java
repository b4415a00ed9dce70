package dev.wfrun.gateway;

import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem+json responses. */
final class Problems {
  private Problems() {}

  static Response of(int status, String title, String detail) {
    String body = new JsonObject()
        .put("type", "https://wfrun.dev/problems/" + title.toLowerCase().replaceAll("[^a-z0-9]+", "-"))
        .put("title", title)
        .put("status", status)
        .put("detail", detail)
        .encode();
    return Response.status(status).type("application/problem+json").entity(body).build();
  }
}
