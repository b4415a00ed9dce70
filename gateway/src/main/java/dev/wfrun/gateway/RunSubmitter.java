package dev.wfrun.gateway;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Hands the runs a delivery asked for to create-runs: through the Broker, or in-process. */
public interface RunSubmitter {
  CompletableFuture<Void> submit(List<WorkflowRun> runs, String traceparent);
}
