package dev.wfrun.functions;

import dev.wfrun.core.events.CloudEventTypes;
import dev.wfrun.core.cluster.StepResult;
import dev.wfrun.core.cluster.TtlCleanup;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;
import io.quarkus.funqy.knative.events.EventAttribute;
import jakarta.inject.Inject;
import java.util.Map;

/** A PingSource tick: delete finished runs whose TTL has passed. */
public class TtlCleanupFunction {
  @Inject TtlCleanup ttl;
  @Inject StepRunner runner;
  @Inject MeterRegistry metrics;

  @Funq("ttl-cleanup")
  @CloudEventMapping(trigger = CloudEventTypes.PING, responseType = CloudEventTypes.STEP_RESULT,
      responseSource = "wfrun/ttl-cleanup",
      attributes = @EventAttribute(name = CloudEventTypes.TASK_ATTRIBUTE, value = "ttl-cleanup"))
  public CloudEvent<StepAck> ttlCleanup(Map<String, Object> tick, @Context CloudEvent<Map<String, Object>> event) {
    return runner.run("ttl-cleanup", "tick", event, () -> {
      TtlCleanup.Report report = ttl.tick();
      metrics.counter("wfrun.ttl.deletions").increment(report.deleted());
      String detail = "scanned " + report.scanned() + ", deleted " + report.deleted()
          + (report.limitReached() ? " (limit reached, the next tick continues)" : "");
      return report.deleted() == 0 ? StepResult.nothing(detail) : StepResult.done(detail);
    });
  }
}
