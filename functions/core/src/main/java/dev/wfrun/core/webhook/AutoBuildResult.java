package dev.wfrun.core.webhook;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import java.util.List;

/**
 * The answer to a delivery and the runs it asks for.
 *
 * @param status the HTTP status
 * @param body the exact response body (upstream's JSON, with a trailing newline)
 * @param runs WorkflowRuns to create, one per affected Component, in Component order
 * @param retryAfterSeconds with 429: when the repository may deliver again
 * @param pathsUnverified runs were asked for although the provider's file list was incomplete, so
 *     the {@code appPath} filter could not prove the Components unchanged
 */
public record AutoBuildResult(int status, String body, List<WorkflowRun> runs, long retryAfterSeconds,
    boolean pathsUnverified) {

  public AutoBuildResult(int status, String body, List<WorkflowRun> runs) {
    this(status, body, runs, 0, false);
  }

  static AutoBuildResult error(int status, String code, String message) {
    return new AutoBuildResult(status, "{\"code\":\"" + code + "\",\"error\":\"" + message + "\"}\n", List.of());
  }
}
