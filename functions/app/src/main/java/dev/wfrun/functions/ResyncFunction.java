package dev.wfrun.functions;

import dev.wfrun.core.events.CloudEventTypes;
import dev.wfrun.core.cluster.Resync;
import dev.wfrun.core.cluster.StepResult;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventMapping;
import io.quarkus.funqy.knative.events.EventAttribute;
import jakarta.inject.Inject;
import java.util.Map;

/** A slower PingSource tick: the safety net for lost events, and build-plane probes. */
public class ResyncFunction {
  @Inject Resync resync;
  @Inject StepRunner runner;

  @Funq("resync")
  @CloudEventMapping(trigger = CloudEventTypes.PING, responseType = CloudEventTypes.STEP_RESULT,
      responseSource = "wfrun/resync",
      attributes = @EventAttribute(name = CloudEventTypes.TASK_ATTRIBUTE, value = "resync"))
  public CloudEvent<StepAck> resync(Map<String, Object> tick, @Context CloudEvent<Map<String, Object>> event) {
    return runner.run("resync", "tick", event, () -> {
      Resync.Report r = resync.tick();
      String detail = "dispatched " + r.dispatched() + ", synced " + r.synced() + ", finalized " + r.finalized()
          + ", orphans deleted " + r.orphansDeleted() + ", planes probed " + r.planesProbed()
          + ", failures " + r.failures();
      return r.failures() > 0 ? StepResult.retry(detail) : StepResult.done(detail);
    });
  }
}
