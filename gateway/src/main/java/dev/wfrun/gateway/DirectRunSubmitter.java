package dev.wfrun.gateway;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.cluster.RunCreator;
import dev.wfrun.core.cluster.StepResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Without a Broker (AWS Lambda, local runs) create-runs' step runs in-process. */
public final class DirectRunSubmitter implements RunSubmitter {
  private final RunCreator creator;

  public DirectRunSubmitter(RunCreator creator) {
    this.creator = creator;
  }

  @Override
  public CompletableFuture<Integer> submit(List<WorkflowRun> runs, String traceparent) {
    return CompletableFuture.supplyAsync(() -> (int) runs.stream()
        .filter(run -> creator.create(run).kind() == StepResult.Kind.NOTHING)
        .count());
  }
}
