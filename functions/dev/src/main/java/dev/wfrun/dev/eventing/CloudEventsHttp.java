package dev.wfrun.dev.eventing;

import dev.wfrun.core.events.BinaryCloudEvents;
import io.cloudevents.core.builder.CloudEventBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** CloudEvents over HTTP (binary and structured mode), as the Knative broker reads and writes them. */
final class CloudEventsHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STRUCTURED = "application/cloudevents+json";

  private CloudEventsHttp() {}

  /** The event in a request or reply, if it carries one. */
  static Optional<LocalEvent> read(HttpHeaders headers, byte[] body) throws IOException {
    String contentType = headers.firstValue("Content-Type").orElse("");
    if (contentType.toLowerCase(Locale.ROOT).startsWith(STRUCTURED)) {
      JsonNode envelope = JSON.readTree(body);
      Map<String, String> attributes = new LinkedHashMap<>();
      envelope.properties().forEach(f -> {
        if (!f.getKey().equals("data") && !f.getKey().equals("data_base64")) {
          attributes.put(f.getKey(), f.getValue().asText());
        }
      });
      byte[] data = envelope.has("data_base64") ? Base64.getDecoder().decode(envelope.get("data_base64").asText())
          : envelope.has("data") ? (envelope.get("data").isTextual() ? envelope.get("data").asText()
              : envelope.get("data").toString()).getBytes(StandardCharsets.UTF_8) : new byte[0];
      return attributes.containsKey("type") ? Optional.of(new LocalEvent(attributes, data)) : Optional.empty();
    }
    io.cloudevents.CloudEvent event;
    try {
      event = BinaryCloudEvents.read(headers.map(), body);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (event == null) {
      return Optional.empty();
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String name : event.getAttributeNames()) {
      Object value = event.getAttribute(name);
      if (value != null) {
        attributes.put(name, value.toString());
      }
    }
    for (String name : event.getExtensionNames()) {
      attributes.put(name, String.valueOf(event.getExtension(name)));
    }
    return Optional.of(new LocalEvent(attributes, event.getData() == null ? new byte[0] : event.getData().toBytes()));
  }

  /** A binary-mode POST of the event. */
  static HttpRequest.Builder binary(URI target, LocalEvent event) {
    CloudEventBuilder builder = CloudEventBuilder.v1();
    event.attributes().forEach((name, value) -> {
      switch (name) {
        case "specversion" -> { }
        case "id" -> builder.withId(value);
        case "type" -> builder.withType(value);
        case "source" -> builder.withSource(URI.create(value));
        case "subject" -> builder.withSubject(value);
        case "time" -> builder.withTime(java.time.OffsetDateTime.parse(value));
        case "datacontenttype" -> builder.withDataContentType(value);
        case "dataschema" -> builder.withDataSchema(URI.create(value));
        default -> builder.withExtension(name, value);
      }
    });
    if (!event.attributes().containsKey("datacontenttype")) {
      builder.withDataContentType("application/json");
    }
    return BinaryCloudEvents.post(target, builder.withData(event.data()).build());
  }

  /** The event in structured mode (the dead-letter log's format). */
  static ObjectNode structured(LocalEvent event) {
    ObjectNode envelope = JSON.createObjectNode();
    event.attributes().forEach(envelope::put);
    try {
      envelope.set("data", JSON.readTree(event.data()));
    } catch (IOException e) {
      envelope.put("data_base64", Base64.getEncoder().encodeToString(event.data()));
    }
    return envelope;
  }

}
