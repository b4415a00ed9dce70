package dev.wfrun.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.yaml.JsonSemantics;

/** Semantic JSON assertions for the conformance harnesses (numbers by value, key order free). */
final class JsonAssert {
  private JsonAssert() {}

  static void assertSemanticEquals(JsonNode expected, JsonNode actual) {
    JsonSemantics.difference(expected, actual).ifPresent(d -> {
      throw new AssertionError(d + "\nexpected: " + expected + "\nactual:   " + actual);
    });
  }

  static boolean semanticEquals(JsonNode expected, JsonNode actual) {
    return JsonSemantics.equal(expected, actual);
  }
}
