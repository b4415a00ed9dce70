package dev.wfrun.dev.eventing;

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
    Map<String, String> attributes = new LinkedHashMap<>();
    headers.map().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("ce-") && !values.isEmpty()) {
        attributes.put(lower.substring(3), values.get(0));
      }
    });
    if (!attributes.containsKey("type")) {
      return Optional.empty();
    }
    if (!contentType.isEmpty()) {
      attributes.put("datacontenttype", contentType);
    }
    return Optional.of(new LocalEvent(attributes, body));
  }

  /** A binary-mode POST of the event. */
  static HttpRequest.Builder binary(URI target, LocalEvent event) {
    HttpRequest.Builder request = HttpRequest.newBuilder(target)
        .POST(HttpRequest.BodyPublishers.ofByteArray(event.data()));
    event.attributes().forEach((name, value) -> {
      if (name.equals("datacontenttype")) {
        request.header("Content-Type", value);
      } else {
        request.header("ce-" + name, value);
      }
    });
    if (!event.attributes().containsKey("datacontenttype")) {
      request.header("Content-Type", "application/json");
    }
    return request;
  }

  /** The event as one structured JSON line (the dead-letter log's format). */
  static String structured(LocalEvent event) {
    ObjectNode envelope = JSON.createObjectNode();
    event.attributes().forEach(envelope::put);
    try {
      envelope.set("data", JSON.readTree(event.data()));
    } catch (IOException e) {
      envelope.put("data_base64", Base64.getEncoder().encodeToString(event.data()));
    }
    return envelope.toString();
  }

}
