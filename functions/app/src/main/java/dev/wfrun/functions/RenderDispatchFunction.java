package dev.wfrun.functions;

import dev.wfrun.core.events.CloudEventTypes;
import dev.wfrun.core.cluster.RenderDispatch;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;
import io.quarkus.funqy.knative.events.EventAttribute;
import jakarta.inject.Inject;

/** A WorkflowRun was added: render it and create its Argo Workflow in the build plane. */
public class RenderDispatchFunction {
  @Inject RenderDispatch dispatch;
  @Inject StepRunner runner;

  @Funq("render-dispatch")
  @CloudEventMapping(trigger = CloudEventTypes.REF_ADD, responseType = CloudEventTypes.STEP_RESULT,
      responseSource = "wfrun/render-dispatch",
      attributes = @EventAttribute(name = CloudEventTypes.KIND_ATTRIBUTE, value = "WorkflowRun"))
  public CloudEvent<StepAck> renderDispatch(ObjectRef run, @Context CloudEvent<ObjectRef> event) {
    return runner.run("render-dispatch", run.runKey(), event, () -> dispatch.dispatch(run.runKey()));
  }
}
