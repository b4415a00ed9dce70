package dev.wfrun.core.cluster;

/**
 * What a run operation (cancel, re-run) did, for the run API to answer: DONE with the run it acted
 * on or created, NOT_FOUND, or CONFLICT (the run's state does not allow it) with a message that says
 * why.
 */
public record RunOperationResult(Kind kind, RunKey run, String message) {
  public enum Kind { DONE, NOT_FOUND, CONFLICT }

  static RunOperationResult done(RunKey run, String message) {
    return new RunOperationResult(Kind.DONE, run, message);
  }

  static RunOperationResult notFound(RunKey run) {
    return new RunOperationResult(Kind.NOT_FOUND, run, "WorkflowRun " + run + " not found");
  }

  static RunOperationResult conflict(RunKey run, String message) {
    return new RunOperationResult(Kind.CONFLICT, run, message);
  }
}
