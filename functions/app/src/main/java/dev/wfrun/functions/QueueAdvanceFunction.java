package dev.wfrun.functions;

import dev.wfrun.core.cluster.QueueAdvance;
import dev.wfrun.core.events.CloudEventTypes;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;
import io.quarkus.funqy.knative.events.EventAttribute;
import jakarta.inject.Inject;

/**
 * A component build (a WorkflowRun with the component label, from the Resource-mode source) changed:
 * when it finished or is being deleted, start the queued runs of its Component that a freed slot admits.
 */
public class QueueAdvanceFunction {
  @Inject QueueAdvance queue;
  @Inject StepRunner runner;

  @Funq("queue-advance")
  @CloudEventMapping(trigger = CloudEventTypes.RESOURCE_UPDATE, responseType = CloudEventTypes.STEP_RESULT,
      responseSource = "wfrun/queue-advance",
      attributes = @EventAttribute(name = CloudEventTypes.KIND_ATTRIBUTE, value = "WorkflowRun"))
  public CloudEvent<StepAck> queueAdvance(RunChangeEvent changed, @Context CloudEvent<RunChangeEvent> event) {
    return runner.run("queue-advance", changed.run(), event, () -> queue.advance(changed.run(), changed.labels()));
  }
}
