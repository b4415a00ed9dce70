package dev.wfrun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wfrun get RUN}: a run's status, why, and its steps. */
@Command(name = "get", description = "Show a WorkflowRun: status, why it waits or ended, its steps.")
final class GetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RunApiClient.Options api;

  @Parameters(index = "0", paramLabel = "RUN", description = "The WorkflowRun.")
  String run;

  @Override
  public Integer call() {
    RunApiClient client = new RunApiClient(api);
    print(spec.commandLine().getOut(), run, client.get("/" + run + "/status", Map.of()));
    return 0;
  }

  /** The status as {@code wfrun get} and {@code wfrun wait} show it. */
  static void print(PrintWriter out, String run, JsonNode status) {
    String why = "";
    for (JsonNode c : status.path("conditions")) {
      if ("WorkflowCompleted".equals(c.path("type").asText())) {
        why = c.path("reason").asText() + ": " + c.path("message").asText();
      }
    }
    if (status.has("waiting")) {
      why = status.path("waiting").asText(); // before any condition: waiting for dispatch
    }
    out.println(run + "  " + status.path("status").asText() + (why.isEmpty() ? "" : "  (" + why + ")"));
    for (JsonNode step : status.path("steps")) {
      out.printf("  %-28s %-10s %s%n", step.path("name").asText(), step.path("phase").asText(),
          step.path("message").asText(""));
    }
  }
}
