package dev.wfrun.core.engine;

/** Where an engine's run object is, in wfrun's words. */
public enum EnginePhase {
  /** The engine has not looked at the object yet (it was just created). */
  NOT_STARTED,
  /** Accepted, not running yet, or a phase nothing can be said about yet. */
  PENDING,
  RUNNING,
  SUCCEEDED,
  /** Failed or errored: the run failed. */
  FAILED;

  public boolean started() {
    return this != NOT_STARTED;
  }
}
