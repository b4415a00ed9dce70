package dev.wfrun.functions;

import dev.wfrun.core.events.CloudEventTypes;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.cluster.RunCreator;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;
import jakarta.inject.Inject;

/** The gateway asked for a run (a verified push): create it; one that exists is a redelivery. */
public class CreateRunsFunction {
  @Inject RunCreator creator;
  @Inject StepRunner runner;

  @Funq("create-runs")
  @CloudEventMapping(trigger = CloudEventTypes.RUN_REQUESTED, responseType = CloudEventTypes.STEP_RESULT,
      responseSource = "wfrun/create-runs")
  public CloudEvent<StepAck> createRuns(WorkflowRun run, @Context CloudEvent<WorkflowRun> event) {
    if (run == null || run.getMetadata() == null || run.getMetadata().getName() == null
        || run.getMetadata().getNamespace() == null || run.getSpec() == null) {
      throw new InvalidEventException("event data must be a WorkflowRun with a namespace, a name and a spec");
    }
    String subject = run.getMetadata().getNamespace() + "/" + run.getMetadata().getName();
    return runner.run("create-runs", subject, event, () -> creator.create(run));
  }
}
