package dev.wfrun.dev.eventing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A CloudEvent inside the local broker: its context attributes and extensions by name
 * ({@code type}, {@code source}, {@code id}, {@code subject}, {@code kind}, ...) and its data.
 */
public record LocalEvent(Map<String, String> attributes, byte[] data) {
  public LocalEvent {
    attributes = Map.copyOf(attributes);
  }

  public String type() {
    return attributes.get("type");
  }

  public String id() {
    return attributes.get("id");
  }

  public String get(String attribute) {
    return attributes.get(attribute);
  }

  /** A new event: specversion 1.0, a random id, JSON data. */
  public static LocalEvent json(String type, String source, Map<String, String> extra, byte[] data) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("specversion", "1.0");
    attributes.put("id", UUID.randomUUID().toString());
    attributes.put("type", type);
    attributes.put("source", source);
    attributes.put("time", java.time.Instant.now().toString());
    attributes.put("datacontenttype", "application/json");
    attributes.putAll(extra);
    return new LocalEvent(attributes, data);
  }
}
