package dev.wfrun.functions;

import dev.wfrun.core.events.CloudEventTypes;
import dev.wfrun.core.cluster.RunKey;
import dev.wfrun.core.cluster.StepResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;
import java.util.HashMap;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs one step for a function: puts the run key, the CloudEvent id and the W3C trace id into the
 * log context, times the step, counts its outcome, and logs it once. Exceptions propagate, so
 * Funqy answers 500 and Knative retries the event.
 */
@ApplicationScoped
public class StepRunner {
  private static final Logger LOG = Logger.getLogger(StepRunner.class);

  private final MeterRegistry metrics;

  public StepRunner(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  /**
   * Runs the step and answers with a {@value CloudEventTypes#STEP_RESULT} event about the same subject,
   * carrying the incoming W3C {@code traceparent} on.
   */
  CloudEvent<StepAck> run(String function, Object subject, CloudEvent<?> event, Supplier<StepResult> step) {
    return run(function, CloudEventTypes.STEP_RESULT, subject, event, step);
  }

  /**
   * As {@link #run(String, Object, CloudEvent, Supplier)} with the reply's type given. A reply about
   * a WorkflowRun that the step changed (DONE or FAILED) carries the extension
   * {@value CloudEventTypes#SUBJECT_KIND_ATTRIBUTE}{@code =WorkflowRun}, which report-status is bound to.
   */
  CloudEvent<StepAck> run(String function, String replyType, Object subject, CloudEvent<?> event,
      Supplier<StepResult> step) {
    MDC.put("function", function);
    MDC.put("subject", String.valueOf(subject));
    MDC.put("ceId", event == null || event.id() == null ? "" : event.id());
    String traceparent = event == null || event.extensions() == null ? null : event.extensions().get("traceparent");
    if (traceparent != null) {
      MDC.put("traceparent", traceparent);
    }
    Timer.Sample sample = Timer.start(metrics);
    try {
      StepResult result = step.get();
      metrics.counter("wfrun.steps", "function", function, "result", result.kind().name().toLowerCase()).increment();
      LOG.infof("%s %s: %s %s", function, subject, result.kind(), result.detail());
      CloudEventBuilder reply = CloudEventBuilder.create()
          .type(replyType)
          .source("wfrun/" + function)
          .subject(String.valueOf(subject));
      Map<String, String> extensions = new HashMap<>();
      if (traceparent != null) {
        extensions.put("traceparent", traceparent);
      }
      if (subject instanceof RunKey && result.changed()) {
        // only a step that changed the run wakes report-status: one that found nothing to do fans out nothing
        extensions.put(CloudEventTypes.SUBJECT_KIND_ATTRIBUTE, "WorkflowRun");
      }
      if (!extensions.isEmpty()) {
        reply.extensions(extensions);
      }
      return reply.build(StepAck.of(function, subject, result));
    } catch (RuntimeException e) {
      metrics.counter("wfrun.step.failures", "function", function, "reason", e.getClass().getSimpleName()).increment();
      LOG.warnf("%s %s failed, the event will be retried: %s", function, subject, e.getMessage());
      throw e;
    } finally {
      sample.stop(metrics.timer("wfrun.step.latency", "function", function));
      MDC.remove("function");
      MDC.remove("subject");
      MDC.remove("ceId");
      MDC.remove("traceparent");
    }
  }
}
