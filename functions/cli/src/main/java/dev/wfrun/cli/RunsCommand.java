package dev.wfrun.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wfrun runs}: the namespace's WorkflowRuns, a line each, from the run API. */
@Command(name = "runs", description = "List WorkflowRuns (name, status, why, workflow) through the run API.")
final class RunsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RunApiClient.Options api;

  @Option(names = "--workflow", description = "Only runs of this Workflow.")
  String workflow;

  @Option(names = {"-l", "--selector"}, description = "Label selector (component=..., project=...).")
  String selector;

  @Option(names = "--limit", defaultValue = "100", description = "At most this many (default ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    RunApiClient client = new RunApiClient(api);
    PrintWriter out = spec.commandLine().getOut();
    Map<String, String> query = new LinkedHashMap<>();
    query.put("limit", String.valueOf(limit));
    query.put("workflow", workflow);
    query.put("labelSelector", selector);
    JsonNode page = client.get("", query);
    out.printf("%-40s %-10s %-32s %s%n", "NAME", "STATUS", "REASON", "WORKFLOW");
    for (JsonNode run : page.path("items")) {
      String reason = "";
      for (JsonNode c : run.path("status").path("conditions")) {
        if ("WorkflowCompleted".equals(c.path("type").asText())) {
          reason = c.path("reason").asText();
        }
      }
      out.printf("%-40s %-10s %-32s %s%n", run.path("metadata").path("name").asText(),
          run.path("status").path("phase").asText("Pending"), reason,
          run.path("spec").path("workflow").path("name").asText());
    }
    if (page.has("nextCursor")) {
      out.println("(more: raise --limit)");
    }
    return 0;
  }
}
