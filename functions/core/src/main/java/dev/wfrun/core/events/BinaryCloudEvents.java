package dev.wfrun.core.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * CloudEvents over HTTP in binary mode (attributes as {@code ce-} headers, the data as the body),
 * written and read by the CloudEvents SDK: how wfrun posts to a Broker and how {@code wfrun dev}'s
 * broker reads deliveries and replies.
 */
public final class BinaryCloudEvents {
  private BinaryCloudEvents() {}

  /** A new event: specversion 1.0, a random id, the time now, JSON data. */
  public static CloudEventBuilder json(String type, String source, byte[] data) {
    return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withType(type)
        .withSource(URI.create(source)).withTime(OffsetDateTime.now(ZoneOffset.UTC))
        .withDataContentType("application/json").withData(data);
  }

  /** A binary-mode POST of the event to {@code target}. */
  public static HttpRequest.Builder post(URI target, CloudEvent event) {
    HttpRequest.Builder request = HttpRequest.newBuilder(target);
    byte[][] body = {new byte[0]};
    HttpMessageFactory.createWriter(request::header, bytes -> body[0] = bytes == null ? new byte[0] : bytes)
        .writeBinary(event);
    return request.POST(HttpRequest.BodyPublishers.ofByteArray(body[0]));
  }

  /**
   * The event a request or reply carries (binary mode), or null when its headers carry none.
   *
   * @throws IllegalArgumentException when the {@code ce-} headers are not a valid event
   */
  public static CloudEvent read(Map<String, List<String>> headers, byte[] body) {
    boolean binary = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("ce-type"));
    if (!binary) {
      return null;
    }
    try {
      return HttpMessageFactory.createReaderFromMultimap(headers, body).toEvent();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a CloudEvent: " + e.getMessage(), e);
    }
  }

  /** The event's data as UTF-8 text ("" when it has none). */
  public static String dataText(CloudEvent event) {
    return event.getData() == null ? "" : new String(event.getData().toBytes(), StandardCharsets.UTF_8);
  }
}
