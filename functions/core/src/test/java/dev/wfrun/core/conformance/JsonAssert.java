package dev.wfrun.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Semantic JSON comparison as the Go tests compare (YAML re-marshal): numbers by value
 * ({@code 2 == 2.0}), object key order irrelevant.
 */
final class JsonAssert {
  private JsonAssert() {}

  static void assertSemanticEquals(JsonNode expected, JsonNode actual) {
    String difference = difference("$", expected, actual);
    if (difference != null) {
      throw new AssertionError(difference + "\nexpected: " + expected + "\nactual:   " + actual);
    }
  }

  static boolean semanticEquals(JsonNode expected, JsonNode actual) {
    return difference("$", expected, actual) == null;
  }

  private static String difference(String path, JsonNode expected, JsonNode actual) {
    if (expected == null || expected.isNull()) {
      return actual == null || actual.isNull() ? null : path + ": expected null, got " + actual;
    }
    if (actual == null) {
      return path + ": missing";
    }
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0
          ? null
          : path + ": expected " + expected + ", got " + actual;
    }
    if (expected.isObject() && actual.isObject()) {
      if (expected.size() != actual.size()) {
        return path + ": expected keys " + keys(expected) + ", got " + keys(actual);
      }
      Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String d = difference(path + "." + f.getKey(), f.getValue(), actual.get(f.getKey()));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        return path + ": expected " + expected.size() + " items, got " + actual.size();
      }
      for (int i = 0; i < expected.size(); i++) {
        String d = difference(path + "[" + i + "]", expected.get(i), actual.get(i));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    return expected.equals(actual) ? null : path + ": expected " + expected + ", got " + actual;
  }

  private static String keys(JsonNode node) {
    StringBuilder b = new StringBuilder("[");
    node.fieldNames().forEachRemaining(k -> b.append(b.length() > 1 ? ", " : "").append(k));
    return b.append("]").toString();
  }
}
