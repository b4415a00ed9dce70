package dev.wfrun.functions;

import dev.wfrun.core.events.CloudEventTypes;
import dev.wfrun.core.cluster.RunFinalizer;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;
import io.quarkus.funqy.knative.events.EventAttribute;
import jakarta.inject.Inject;

/** A WorkflowRun changed: if it is being deleted, remove its build-plane objects and its finalizer. */
public class FinalizeFunction {
  @Inject RunFinalizer finalizer;
  @Inject StepRunner runner;

  @Funq("finalize")
  @CloudEventMapping(trigger = CloudEventTypes.REF_UPDATE, responseType = CloudEventTypes.STEP_RESULT,
      responseSource = "wfrun/finalize",
      attributes = @EventAttribute(name = CloudEventTypes.KIND_ATTRIBUTE, value = "WorkflowRun"))
  public CloudEvent<StepAck> finalizeRun(ObjectRef run, @Context CloudEvent<ObjectRef> event) {
    return runner.run("finalize", run.runKey(), event, () -> finalizer.finalizeRun(run.runKey()));
  }
}
