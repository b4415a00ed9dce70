package dev.wfrun.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wfrun cancel RUN}: stop a run; it ends Failed with reason WorkflowCancelled. */
@Command(name = "cancel", description = "Cancel a WorkflowRun: its Argo Workflow stops, the run ends WorkflowCancelled.")
final class CancelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RunApiClient.Options api;

  @Parameters(index = "0", paramLabel = "RUN", description = "The WorkflowRun.")
  String run;

  @Override
  public Integer call() {
    RunApiClient client = new RunApiClient(api);
    var cancelled = client.post("/" + run + "/cancel");
    spec.commandLine().getOut().println("workflowrun " + client.namespace + "/" + run + " cancelled ("
        + cancelled.path("metadata").path("annotations").path("wfrun.dev/cancelled-by").asText() + ")");
    return 0;
  }
}
