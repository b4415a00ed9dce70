package dev.wfrun.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import java.util.List;

/**
 * The answer to a delivery and the runs it asks for.
 *
 * @param status the HTTP status
 * @param json the JSON body (upstream's), or null when the answer is plain text
 * @param text the plain-text body (upstream's decode errors), or null when the answer is JSON
 * @param runs WorkflowRuns to create, one per affected Component, in Component order
 * @param retryAfterSeconds with 429: when the repository may deliver again
 * @param pathsUnverified runs were asked for although the provider's file list was incomplete, so
 *     the {@code appPath} filter could not prove the Components unchanged
 */
public record AutoBuildResult(int status, JsonNode json, String text, List<WorkflowRun> runs, long retryAfterSeconds,
    boolean pathsUnverified) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A JSON answer. */
  static AutoBuildResult json(int status, ObjectNode body, List<WorkflowRun> runs, long retryAfterSeconds,
      boolean pathsUnverified) {
    return new AutoBuildResult(status, body, null, runs, retryAfterSeconds, pathsUnverified);
  }

  /** A plain-text answer (one line). */
  static AutoBuildResult text(int status, String line) {
    return new AutoBuildResult(status, null, line + "\n", List.of(), 0, false);
  }

  /** Upstream's error body: {@code {"code":..., "error":...}}. */
  static AutoBuildResult error(int status, String code, String message) {
    return json(status, JSON.createObjectNode().put("code", code).put("error", message), List.of(), 0, false);
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Whether the body is JSON (else plain text): the adapter's content type. */
  public boolean isJson() {
    return json != null;
  }

  /** The exact response body: compact JSON or the text, with upstream's trailing newline. */
  public String body() {
    return json != null ? json.toString() + "\n" : text;
  }
}
