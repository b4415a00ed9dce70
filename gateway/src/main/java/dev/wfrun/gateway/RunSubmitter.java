package dev.wfrun.gateway;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Hands the runs a delivery asked for to create-runs: through the Broker, or in-process. */
public interface RunSubmitter {
  /**
   * @return once handed on: how many of the runs already existed (a redelivery), or 0 where that is
   *     decided downstream (create-runs counts those as {@code wfrun.steps{function=create-runs,result=nothing}})
   */
  CompletableFuture<Integer> submit(List<WorkflowRun> runs, String traceparent);
}
