package dev.wfrun.core.yaml;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One YAML document of a file.
 *
 * @param source the file name (for messages)
 * @param index the document's position in the file, from 0
 */
public record Manifest(String source, int index, JsonNode node) {

  public String apiVersion() {
    return node.path("apiVersion").asText("");
  }

  public String kind() {
    return node.path("kind").asText("");
  }

  public String name() {
    return node.path("metadata").path("name").asText("");
  }

  public String namespace() {
    return node.path("metadata").path("namespace").asText("");
  }

  /** {@code file[#n]: Kind/name}, to prefix messages. */
  public String describe() {
    String doc = index == 0 ? "" : "#" + (index + 1);
    String what = kind().isEmpty() ? "" : " " + kind() + (name().isEmpty() ? "" : "/" + name());
    return source + doc + ":" + what;
  }
}
