package dev.wfrun.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The deliberate differences from upstream ({@code conformance-deviations.yaml}): each names a
 * case and says why wfrun behaves otherwise. Only these cases may be skipped.
 */
final class Deviations {
  /**
   * @param substitute optional {from: to} text replacement applied to the case: the case then
   *     runs with the adjusted expectation instead of being skipped
   */
  record Deviation(String suite, String name, String reason, JsonNode substitute) {
    JsonNode adjust(JsonNode body) throws IOException {
      String text = ConformanceFiles.YAML.writeValueAsString(body);
      var fields = substitute.properties().iterator();
      while (fields.hasNext()) {
        var f = fields.next();
        text = text.replace(f.getKey(), f.getValue().asText());
      }
      return ConformanceFiles.YAML.readTree(text);
    }
  }

  private final Map<String, Deviation> byKey;

  private Deviations(Map<String, Deviation> byKey) {
    this.byKey = byKey;
  }

  static Deviations load() {
    try (InputStream in = Deviations.class.getResourceAsStream("/conformance-deviations.yaml")) {
      Map<String, Deviation> map = new HashMap<>();
      if (in != null) {
        JsonNode root = ConformanceFiles.YAML.readTree(in);
        for (JsonNode d : root.path("deviations")) {
          Deviation deviation = new Deviation(
              d.get("suite").asText(), d.get("name").asText(), d.get("reason").asText(), d.get("substitute"));
          map.put(deviation.suite() + "\u0000" + deviation.name(), deviation);
        }
      }
      return new Deviations(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Deviation find(String suite, String name) {
    return byKey.get(suite + "\u0000" + name);
  }
}
