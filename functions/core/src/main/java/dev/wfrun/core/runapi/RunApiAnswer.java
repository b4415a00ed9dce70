package dev.wfrun.core.runapi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer to a run API call: a status with a JSON body (and headers to add), or an error status
 * with a problem title and a detail that names the field or reason (the adapter writes it as
 * problem+json).
 */
public record RunApiAnswer(int status, JsonNode body, String title, String detail,
    java.util.Map<String, String> headers) {
  /** On a log answer with no lines: why nothing could be read. */
  public static final String LOGS_UNAVAILABLE_HEADER = "Wfrun-Logs-Unavailable";
  /** On an events answer with no events: why there are none. */
  public static final String EVENTS_UNAVAILABLE_HEADER = "Wfrun-Events-Unavailable";

  static RunApiAnswer ok(int status, JsonNode body) {
    return new RunApiAnswer(status, body, null, null, java.util.Map.of());
  }

  static RunApiAnswer ok(int status, JsonNode body, java.util.Map<String, String> headers) {
    return new RunApiAnswer(status, body, null, null, headers);
  }

  static RunApiAnswer problem(int status, String title, String detail) {
    return new RunApiAnswer(status, null, title, detail, java.util.Map.of());
  }

  /** A problem made by an adapter (the console, when the plane did not answer). */
  public static RunApiAnswer problemOf(int status, String title, String detail) {
    return problem(status, title, detail);
  }

  /** A success with no body (204 for a delete). */
  static RunApiAnswer empty(int status) {
    return new RunApiAnswer(status, null, null, null, java.util.Map.of());
  }

  public boolean isProblem() {
    return title != null;
  }
}
