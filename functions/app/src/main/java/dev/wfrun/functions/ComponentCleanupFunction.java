package dev.wfrun.functions;

import dev.wfrun.core.events.CloudEventTypes;
import dev.wfrun.core.cluster.ComponentCleanup;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;
import io.quarkus.funqy.knative.events.EventAttribute;
import jakarta.inject.Inject;

/** A Component was deleted: delete its WorkflowRuns (their finalizers clean the build plane). */
public class ComponentCleanupFunction {
  @Inject ComponentCleanup cleanup;
  @Inject StepRunner runner;

  @Funq("component-cleanup")
  @CloudEventMapping(trigger = CloudEventTypes.REF_DELETE, responseType = CloudEventTypes.STEP_RESULT,
      responseSource = "wfrun/component-cleanup",
      attributes = @EventAttribute(name = CloudEventTypes.KIND_ATTRIBUTE, value = "Component"))
  public CloudEvent<StepAck> componentCleanup(ObjectRef component, @Context CloudEvent<ObjectRef> event) {
    String subject = component.namespace() + "/" + component.name();
    return runner.run("component-cleanup", subject, event,
        () -> cleanup.onDeleted(component.namespace(), component.name()));
  }
}
