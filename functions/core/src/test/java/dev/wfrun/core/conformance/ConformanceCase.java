package dev.wfrun.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One golden case of a conformance file.
 *
 * @param suite the suite name as the file gives it
 * @param name the case name
 * @param body the case's YAML
 * @param check runs the case; throws {@link AssertionError} when the behaviour differs
 */
record ConformanceCase(String suite, String name, JsonNode body, Check check) {

  @FunctionalInterface
  interface Check {
    void run(JsonNode body) throws Exception;
  }
}
