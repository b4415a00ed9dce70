package dev.wfrun.core.cluster;

/**
 * What a step did, as a value for the adapter to log, count and answer with: DONE (it changed
 * something), FAILED (it ended the run Failed, {@code reason} says why in its conditions), NOTHING
 * (the object was already in the wanted state, or gone), RETRY (a later event or the resync tick
 * should try again). Errors that another attempt may get past are exceptions, never a result.
 */
public record StepResult(Kind kind, String detail, String reason) {
  public enum Kind { DONE, FAILED, NOTHING, RETRY }

  public static StepResult done(String detail) {
    return new StepResult(Kind.DONE, detail, null);
  }

  /** The run ended Failed with this condition reason and message. */
  public static StepResult failed(String reason, String message) {
    return new StepResult(Kind.FAILED, message, reason);
  }

  public static StepResult nothing(String detail) {
    return new StepResult(Kind.NOTHING, detail, null);
  }

  public static StepResult retry(String detail) {
    return new StepResult(Kind.RETRY, detail, null);
  }

  /** Whether the step wrote something others may want to react to (DONE or FAILED). */
  public boolean changed() {
    return kind == Kind.DONE || kind == Kind.FAILED;
  }
}
