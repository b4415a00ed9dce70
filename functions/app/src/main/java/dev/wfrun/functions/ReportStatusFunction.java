package dev.wfrun.functions;

import dev.wfrun.core.events.CloudEventTypes;
import dev.wfrun.core.cluster.RunKey;
import dev.wfrun.core.cluster.StatusReporter;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;
import io.quarkus.funqy.knative.events.EventAttribute;
import jakarta.inject.Inject;

/**
 * A step changed a WorkflowRun (render-dispatch, status-sync, ...): a run created from a push gets
 * its state reported as the commit's status at the git provider.
 */
public class ReportStatusFunction {
  @Inject StatusReporter reporter;
  @Inject StepRunner runner;

  @Funq("report-status")
  @CloudEventMapping(trigger = CloudEventTypes.STEP_RESULT, responseType = CloudEventTypes.COMMIT_STATUS_RESULT,
      responseSource = "wfrun/report-status",
      attributes = @EventAttribute(name = CloudEventTypes.SUBJECT_KIND_ATTRIBUTE, value = "WorkflowRun"))
  public CloudEvent<StepAck> reportStatus(StepAck step, @Context CloudEvent<StepAck> event) {
    RunKey key;
    try {
      key = RunKey.parse(step == null ? null : step.subject());
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException("data.subject: " + e.getMessage());
    }
    return runner.run("report-status", CloudEventTypes.COMMIT_STATUS_RESULT, key, event, () -> reporter.report(key));
  }
}
