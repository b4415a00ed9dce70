package dev.wfrun.core.resolve;

/** The Workflow a run names does not exist. */
public class WorkflowNotFoundException extends RuntimeException {
  public WorkflowNotFoundException(String message) {
    super(message);
  }
}
