package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.ResourceReference;

/**
 * A status event outran render-dispatch: the run's run object exists in the build plane but the
 * run does not name it yet (dispatch creates it, then records it). The adapter answers with an error
 * so the Broker redelivers the event a moment later, when the run names it; a run object that
 * finishes within that gap (a spec the engine refuses at once) would otherwise be noticed only by resync.
 */
public final class DispatchNotRecordedException extends RuntimeException {
  public DispatchNotRecordedException(String runNamespace, String runName, ResourceReference runObject) {
    super("WorkflowRun " + runNamespace + "/" + runName + ": " + runObject.kind() + " " + runObject.namespace()
        + "/" + runObject.name() + " exists but render-dispatch has not recorded it on the run yet; redeliver");
  }
}
