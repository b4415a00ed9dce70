package dev.wfrun.core.tunnel;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The CloudEvent an ApiServerSource in Resource mode sends for a changed object
 * ({@code dev.knative.apiserver.resource.update} or {@code .delete}, the object as data, with the
 * {@code subject}, {@code apiversion}, {@code kind}, {@code name}, {@code namespace} extensions),
 * as a binary-mode POST to the Broker: what the cluster gateway emits for build planes that an
 * ApiServerSource cannot watch, so status-sync, finalize and resync do not change.
 */
public final class ApiServerEvents {
  private ApiServerEvents() {}

  public static HttpRequest.Builder post(URI broker, boolean deleted, JsonNode object, String source) {
    JsonNode metadata = object.path("metadata");
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText();
    String namespace = metadata.path("namespace").asText("");
    String name = metadata.path("name").asText();
    String subject = "/apis/" + apiVersion + (namespace.isEmpty() ? "" : "/namespaces/" + namespace) + "/"
        + kind.toLowerCase(java.util.Locale.ROOT) + "s/" + name;
    HttpRequest.Builder request = HttpRequest.newBuilder(broker)
        .header("ce-specversion", "1.0")
        .header("ce-id", UUID.randomUUID().toString())
        .header("ce-source", source)
        .header("ce-type", "dev.knative.apiserver.resource." + (deleted ? "delete" : "update"))
        .header("ce-subject", subject)
        .header("ce-apiversion", apiVersion)
        .header("ce-kind", kind)
        .header("ce-name", name)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(object.toString(), StandardCharsets.UTF_8));
    if (!namespace.isEmpty()) {
      request.header("ce-namespace", namespace);
    }
    return request;
  }
}
