package dev.wfrun.core.runapi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer to a run API call: a status with a JSON body, or an error status with a problem
 * title and a detail that names the field or reason (the adapter writes it as problem+json).
 */
public record RunApiAnswer(int status, JsonNode body, String title, String detail) {

  static RunApiAnswer ok(int status, JsonNode body) {
    return new RunApiAnswer(status, body, null, null);
  }

  static RunApiAnswer problem(int status, String title, String detail) {
    return new RunApiAnswer(status, null, title, detail);
  }

  public boolean isProblem() {
    return body == null;
  }
}
