package dev.wfrun.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.schema.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Problems in the order a reader meets them in the object: each path's position is where it (or,
 * for a missing field, its closest present parent) appears in the document; ties keep their order.
 * Identical problems found by two checks are reported once.
 */
final class DocumentOrder {
  private static final int MAX_NODES = 100_000;

  private DocumentOrder() {}

  static List<Violation> sort(JsonNode document, List<Violation> violations) {
    Map<String, Integer> positions = new HashMap<>();
    number(document, "", positions);
    List<Violation> unique = new ArrayList<>(new LinkedHashSet<>(violations));
    unique.sort(Comparator.comparingInt(v -> position(v.path(), positions)));
    return unique;
  }

  private static void number(JsonNode node, String path, Map<String, Integer> positions) {
    if (positions.size() >= MAX_NODES) {
      return;
    }
    positions.putIfAbsent(path, positions.size());
    if (node.isObject()) {
      node.properties().forEach(e -> number(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
          positions));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        number(node.get(i), path + "[" + i + "]", positions);
      }
    }
  }

  private static int position(String path, Map<String, Integer> positions) {
    String p = path.startsWith(".") ? path.substring(1) : path;
    while (true) {
      Integer at = positions.get(p);
      if (at != null) {
        return at;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) {
        return positions.getOrDefault(p, Integer.MAX_VALUE);
      }
      p = p.substring(0, cut);
    }
  }
}
