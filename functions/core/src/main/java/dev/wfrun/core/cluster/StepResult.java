package dev.wfrun.core.cluster;

/**
 * What a step did, as a value for the adapter to log, count and answer with: DONE (it changed
 * something), NOTHING (the object was already in the wanted state, or gone), RETRY (a later event
 * or the resync tick should try again).
 */
public record StepResult(Kind kind, String detail) {
  public enum Kind { DONE, NOTHING, RETRY }

  public static StepResult done(String detail) {
    return new StepResult(Kind.DONE, detail);
  }

  public static StepResult nothing(String detail) {
    return new StepResult(Kind.NOTHING, detail);
  }

  public static StepResult retry(String detail) {
    return new StepResult(Kind.RETRY, detail);
  }
}
