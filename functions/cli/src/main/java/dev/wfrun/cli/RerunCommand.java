package dev.wfrun.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wfrun rerun RUN}: a new run with the same Workflow, parameters, labels and commit. */
@Command(name = "rerun", description = "Run a WorkflowRun again (same Workflow, parameters, labels, commit); prints the new run.")
final class RerunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RunApiClient.Options api;

  @Parameters(index = "0", paramLabel = "RUN", description = "The WorkflowRun to run again.")
  String run;

  @Override
  public Integer call() {
    RunApiClient client = new RunApiClient(api);
    var created = client.post("/" + run + "/rerun");
    spec.commandLine().getOut().println("workflowrun " + client.namespace + "/"
        + created.path("metadata").path("name").asText() + " created (re-run of " + run + ")");
    return 0;
  }
}
