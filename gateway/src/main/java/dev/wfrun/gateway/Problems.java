package dev.wfrun.gateway;

import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem+json responses. */
final class Problems {
  private Problems() {}

  private static final java.util.regex.Pattern NOT_SLUG = java.util.regex.Pattern.compile("[^a-z0-9]+");
  /** Titles are a few fixed phrases: each slug is worked out once. */
  private static final java.util.Map<String, String> SLUGS = new java.util.concurrent.ConcurrentHashMap<>();

  static Response of(int status, String title, String detail) {
    String slug = SLUGS.size() < 256 ? SLUGS.computeIfAbsent(title, Problems::slug) : slug(title);
    String body = new JsonObject()
        .put("type", "https://wfrun.dev/problems/" + slug)
        .put("title", title)
        .put("status", status)
        .put("detail", detail)
        .encode();
    return Response.status(status).type("application/problem+json").entity(body).build();
  }

  private static String slug(String title) {
    return NOT_SLUG.matcher(title.toLowerCase(java.util.Locale.ROOT)).replaceAll("-");
  }
}
