package dev.wfrun.functions;

import dev.wfrun.core.events.CloudEventTypes;
import dev.wfrun.core.cluster.StatusSync;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;
import io.quarkus.funqy.knative.events.EventAttribute;
import jakarta.inject.Inject;

/** A run object (an Argo Workflow) changed in the build plane: bring its WorkflowRun's status up to date. */
public class StatusSyncFunction {
  @Inject StatusSync sync;
  @Inject StepRunner runner;

  @Funq("status-sync")
  @CloudEventMapping(trigger = CloudEventTypes.RESOURCE_UPDATE, responseType = CloudEventTypes.STEP_RESULT,
      responseSource = "wfrun/status-sync",
      attributes = @EventAttribute(name = CloudEventTypes.KIND_ATTRIBUTE, value = "Workflow"))
  public CloudEvent<StepAck> statusSync(RunObjectEvent changed, @Context CloudEvent<RunObjectEvent> event) {
    return runner.run("status-sync", changed.run(), event, () -> sync.sync(changed.run(), changed.object()));
  }

  /** The run object was deleted: a running WorkflowRun fails (a finished one stays as it is). */
  @Funq("status-sync-deleted")
  @CloudEventMapping(trigger = CloudEventTypes.RESOURCE_DELETE, responseType = CloudEventTypes.STEP_RESULT,
      responseSource = "wfrun/status-sync-deleted",
      attributes = @EventAttribute(name = CloudEventTypes.KIND_ATTRIBUTE, value = "Workflow"))
  public CloudEvent<StepAck> statusSyncDeleted(RunObjectEvent changed, @Context CloudEvent<RunObjectEvent> event) {
    return runner.run("status-sync-deleted", changed.run(), event, () -> sync.sync(changed.run()));
  }
}
