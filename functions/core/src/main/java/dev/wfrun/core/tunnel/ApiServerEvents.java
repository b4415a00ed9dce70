package dev.wfrun.core.tunnel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.events.BinaryCloudEvents;
import dev.wfrun.core.events.CloudEventTypes;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

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
    CloudEventBuilder event = BinaryCloudEvents.json(
            deleted ? CloudEventTypes.RESOURCE_DELETE : CloudEventTypes.RESOURCE_UPDATE, source,
            object.toString().getBytes(StandardCharsets.UTF_8))
        .withSubject(subject)
        .withExtension(CloudEventTypes.API_VERSION_ATTRIBUTE, apiVersion)
        .withExtension(CloudEventTypes.KIND_ATTRIBUTE, kind)
        .withExtension(CloudEventTypes.NAME_ATTRIBUTE, name);
    if (!namespace.isEmpty()) {
      event.withExtension(CloudEventTypes.NAMESPACE_ATTRIBUTE, namespace);
    }
    return BinaryCloudEvents.post(broker, event.build());
  }
}
