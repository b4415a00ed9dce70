package dev.wfrun.core.cluster;

/**
 * A status event outran render-dispatch: the run's Argo Workflow exists in the build plane but the
 * run does not name it yet (dispatch creates it, then records it). The adapter answers with an error
 * so the Broker redelivers the event a moment later, when the run names it; a Workflow that finishes
 * within that gap (a spec Argo refuses at once) would otherwise be noticed only by resync.
 */
public final class DispatchNotRecordedException extends RuntimeException {
  public DispatchNotRecordedException(String runNamespace, String runName, String argoNamespace, String argoName) {
    super("WorkflowRun " + runNamespace + "/" + runName + ": Argo Workflow " + argoNamespace + "/" + argoName
        + " exists but render-dispatch has not recorded it on the run yet; redeliver");
  }
}
