package dev.wfrun.core.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Compares JSON trees the way Kubernetes objects are compared after a YAML round trip: numbers
 * by value ({@code 2 == 2.0}), object key order irrelevant, arrays in order.
 */
public final class JsonSemantics {
  private JsonSemantics() {}

  /** The first difference as {@code $.path: expected X, got Y}, or empty when equal. */
  public static Optional<String> difference(JsonNode expected, JsonNode actual) {
    return Optional.ofNullable(difference("$", expected, actual));
  }

  public static boolean equal(JsonNode expected, JsonNode actual) {
    return difference("$", expected, actual) == null;
  }

  private static String difference(String path, JsonNode expected, JsonNode actual) {
    if (expected == null || expected.isNull() || expected.isMissingNode()) {
      return actual == null || actual.isNull() || actual.isMissingNode() ? null : path + ": expected null, got " + actual;
    }
    if (actual == null || actual.isMissingNode()) {
      return path + ": missing, expected " + expected;
    }
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0
          ? null
          : path + ": expected " + expected + ", got " + actual;
    }
    if (expected.isObject() && actual.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = expected.properties().iterator();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String d = difference(path + "." + f.getKey(), f.getValue(), actual.get(f.getKey()));
        if (d != null) {
          return d;
        }
      }
      Iterator<String> names = actual.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!expected.has(name)) {
          return path + "." + name + ": unexpected, got " + actual.get(name);
        }
      }
      return null;
    }
    if (expected.isArray() && actual.isArray()) {
      for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
        String d = difference(path + "[" + i + "]", expected.get(i), actual.get(i));
        if (d != null) {
          return d;
        }
      }
      return expected.size() == actual.size()
          ? null
          : path + ": expected " + expected.size() + " items, got " + actual.size();
    }
    return expected.equals(actual) ? null : path + ": expected " + expected + ", got " + actual;
  }
}
